import { describe, expect, it } from "vitest";
import { extract, normalizeVersion } from "../../scripts/flag-history/extract.mjs";
import { makeFacts, type FlagFacts } from "../../scripts/flag-history/facts.mjs";
import { formatC, toFixedExact, numberValue } from "../../scripts/flag-history/values.mjs";

// Hand-written snippets in each era's declaration form (invented options and wording, the shapes
// llama.cpp uses): extract() must read spellings, values, env vars, defaults and status from them.

const HEADER = `
#pragma once
#include <string>
struct tool_cpu {
    int  n_workers = -1;
    bool pin       = false;
};
struct tool_sampling {
    float nucleus = 0.95f;   // printed with %.1f from float32: 0.9
    float temper  = 0.80f;
};
struct tool_params {
    int32_t     n_window   = 4096;
    int32_t     n_lanes    = 1;
    int32_t     cache_mib  = 8192;
    double      ratio      = 0.125;
    bool        use_tpl    = false;
    bool        keep_resident = false;
    std::string bind_addr  = "127.0.0.1";
    enum ggml_type kv_type = GGML_TYPE_F16;
    tool_cpu      cpu;
    struct tool_sampling sampling;
    std::vector<std::string> extras;
    void helper() { int unused = 3; }
};
`;

function argEra(body: string, prelude = ""): FlagFacts[] {
  const src = `
#include "arg.h"
const std::vector<ggml_type> kv_cache_types = { GGML_TYPE_F16, GGML_TYPE_Q8_0, GGML_TYPE_Q4_0 };
static std::string get_all_kv_cache_types() { return ""; }
${prelude}
common_params_context common_params_parser_init(tool_params & params, llama_example ex, void(*print_usage)(int, char **)) {
    ${"" /* per-example defaults go here in the real file */}
    common_params_context ctx_arg(params);
    auto add_opt = [&](common_arg arg) {
        if ((arg.in_example(ex) || arg.in_example(LLAMA_EXAMPLE_COMMON)) && !arg.is_exclude(ex)) {
            ctx_arg.options.push_back(std::move(arg));
        }
    };
    ${body}
    return ctx_arg;
}
`;
  const { era, flags } = extract({ "common/arg.cpp": src, "common/common.h": HEADER });
  expect(era).toBe("arg.cpp");
  return flags;
}

const one = (flags: FlagFacts[], name: string) => {
  const f = flags.find((x) => x.names.includes(name) || x.negatedNames.includes(name));
  if (!f) throw new Error(`${name} not extracted: ${flags.map((x) => x.names.join("/")).join(", ")}`);
  return f;
};

describe("extract: arg.cpp objects (b3716 →)", () => {
  it("reads spellings, hint, integer handler, env and a %d default from the struct initialiser", () => {
    const flags = argEra(`
    add_opt(common_arg(
        {"-w", "--window"}, "N",
        string_format("tokens in the window (default: %d, 0 = from the model)", params.n_window),
        [](tool_params & params, int value) { params.n_window = value; }
    ).set_env("LLAMA_ARG_WINDOW"));`);
    expect(one(flags, "--window")).toEqual(makeFacts({
      names: ["-w", "--window"], valueCount: 1, valueHint: "N", env: "LLAMA_ARG_WINDOW", default: "4096",
      help: "tokens in the window (default: 4096, 0 = from the model)", integer: true,
    }));
  });

  it("prints float defaults from float32 and rounds %.Nf half to even on the exact binary value", () => {
    const flags = argEra(`
    add_opt(common_arg({"--nucleus"}, "N", string_format("nucleus cut (default: %.1f)", (double) params.sampling.nucleus),
        [](tool_params & params, const std::string & value) { params.sampling.nucleus = std::stof(value); }).set_sparam());
    add_opt(common_arg({"--ratio"}, "R", string_format("ratio (default: %.2f)", params.ratio),
        [](tool_params & params, const std::string & value) { params.ratio = std::stod(value); }));`);
    expect(one(flags, "--nucleus").default).toBe("0.9");
    expect(one(flags, "--nucleus").integer).toBe(false);
    expect(one(flags, "--ratio").default).toBe("0.12");
  });

  it("takes the server's twin of an option defined under if (ex == LLAMA_EXAMPLE_SERVER) and the other for other tools", () => {
    const flags = argEra(`
    if (ex == LLAMA_EXAMPLE_SERVER) {
        add_opt(common_arg({"-nl", "--lanes"}, "N", string_format("server lanes (default: %d, -1 = auto)", params.n_lanes),
            [](tool_params & params, int value) { params.n_lanes = value; }).set_env("LLAMA_ARG_LANES").set_examples({LLAMA_EXAMPLE_SERVER}));
    } else {
        add_opt(common_arg({"-nl", "--lanes"}, "N", string_format("parallel lanes (default: %d)", params.n_lanes),
            [](tool_params & params, int value) { params.n_lanes = value; }).set_env("LLAMA_ARG_LANES"));
    }`, "");
    const lanes = flags.filter((f) => f.names.includes("--lanes"));
    expect(lanes).toHaveLength(1);
    expect(lanes[0]).toMatchObject({ server: true, help: "server lanes (default: 1, -1 = auto)", tools: ["server"] });
  });

  it("applies the server's own defaults set at the top of the parser init", () => {
    const flags = extract({
      "common/common.h": HEADER,
      "common/arg.cpp": `
common_params_context common_params_parser_init(tool_params & params, llama_example ex, void(*print_usage)(int, char **)) {
    if (ex == LLAMA_EXAMPLE_COMPLETION) {
        params.use_tpl = false;
    } else if (ex == LLAMA_EXAMPLE_SERVER) {
        params.n_lanes = -1;
        params.use_tpl = true;
        params.sampling.temper = 0.25;
    }
    add_opt(common_arg({"-nl", "--lanes"}, "N", string_format("lanes (default: %d)", params.n_lanes),
        [](tool_params & params, int value) { params.n_lanes = value; }));
    add_opt(common_arg({"--tpl"}, string_format("use templates (default: %s)", params.use_tpl ? "enabled" : "disabled"),
        [](tool_params & params) { params.use_tpl = true; }).set_examples({LLAMA_EXAMPLE_SERVER, LLAMA_EXAMPLE_COMPLETION}));
    add_opt(common_arg({"--temper"}, "T", string_format("temper (default: %.2f)", (double) params.sampling.temper),
        [](tool_params & params, const std::string & value) { params.sampling.temper = std::stof(value); }));
}`,
    }).flags;
    expect(one(flags, "--lanes").default).toBe("-1");
    expect(one(flags, "--tpl").default).toBe("enabled");
    expect(one(flags, "--temper").default).toBe("0.25");
  });

  it("reads set_examples and set_excludes: other tools' options stay, marked server: false", () => {
    const flags = argEra(`
    add_opt(common_arg({"-q", "--question"}, "TEXT", "question to ask",
        [](tool_params & params, const std::string & value) { params.bind_addr = value; }).set_excludes({LLAMA_EXAMPLE_SERVER}));
    add_opt(common_arg({"--chat"}, "chat on the terminal",
        [](tool_params & params) { params.use_tpl = true; }).set_examples({LLAMA_EXAMPLE_CLI, LLAMA_EXAMPLE_MAIN}));
    add_opt(common_arg({"--bind"}, "HOST", string_format("address to bind (default: %s)", params.bind_addr.c_str()),
        [](tool_params & params, const std::string & value) { params.bind_addr = value; }).set_examples({LLAMA_EXAMPLE_SERVER}));`);
    expect(one(flags, "--question")).toMatchObject({ server: false, tools: [] });
    expect(one(flags, "--chat")).toMatchObject({ server: false, tools: ["cli", "main"] });
    expect(one(flags, "--bind")).toMatchObject({ server: true, tools: ["server"], default: "127.0.0.1" });
  });

  it("reads negated spellings, and their LLAMA_ARG_NO_ variable once the build reads it", () => {
    const body = `
    add_opt(common_arg({"--resident"}, {"--no-resident"}, string_format("keep the model resident (default: %s)", params.keep_resident ? "true" : "false"),
        [](tool_params & params, bool value) { params.keep_resident = value; }).set_env("LLAMA_ARG_RESIDENT"));`;
    expect(one(argEra(body), "--no-resident")).toMatchObject({ names: ["--resident"], negatedNames: ["--no-resident"], valueCount: 0, envNegated: null, default: "false" });
    const reader = `static void read_env(const char * env) { std::string neg = env; string_replace_all(neg, "LLAMA_ARG_", "LLAMA_ARG_NO_"); }`;
    expect(one(argEra(body, reader), "--resident").envNegated).toBe("LLAMA_ARG_NO_RESIDENT");
  });

  it("marks arg_removed options removed, with the replacement the message names", () => {
    const flags = argEra(`
    add_opt(common_arg({"--old-window"}, "N", "the argument has been removed. use --window",
        [](tool_params & /*params*/, int /*value*/) { arg_removed("use --window"); }).set_env("LLAMA_ARG_OLD_WINDOW"));`);
    expect(one(flags, "--old-window")).toMatchObject({ status: "removed", replacement: "--window", env: "LLAMA_ARG_OLD_WINDOW" });
  });

  it("marks DEPRECATED help deprecated, with the handler's advice as replacement", () => {
    const flags = argEra(`
    add_opt(common_arg({"--pin"}, "DEPRECATED in favor of \`--placement\`: pin the workers",
        [](tool_params & params) {
            LOG_WRN("DEPRECATED: --pin is deprecated. use --placement pinned instead\\n");
            params.cpu.pin = true;
        }).set_env("LLAMA_ARG_PIN"));
    add_opt(common_arg({"--pin-old"}, "pin (DEPRECATED) in favor of \`--placement\`",
        [](tool_params & params) { params.cpu.pin = true; }));`);
    expect(one(flags, "--pin")).toMatchObject({ status: "deprecated", replacement: "--placement pinned" });
    expect(one(flags, "--pin-old")).toMatchObject({ status: "deprecated", replacement: "--placement" });
  });

  it("counts two values, enumerations from the hint or the handler, repeatable options and stoi parsing", () => {
    const flags = argEra(`
    add_opt(common_arg({"--range"}, "START", "END", "layer range",
        [](tool_params & params, const std::string & a, const std::string & b) { params.n_window = std::stoi(a) + std::stoi(b); }));
    add_opt(common_arg({"-fx", "--effects"}, "[on|off|auto]", "effects",
        [](tool_params & params, const std::string & value) { params.bind_addr = value; }));
    add_opt(common_arg({"--mode"}, "MODE", "mode (default: fast)",
        [](tool_params & params, const std::string & value) {
            if (value == "fast") { params.n_lanes = 1; }
            else if (value == "slow") { params.n_lanes = 2; }
            else { throw std::invalid_argument("invalid value"); }
        }));
    add_opt(common_arg({"--extra"}, "X", "an extra item",
        [](tool_params & params, const std::string & value) { params.extras.push_back(value); }));
    add_opt(common_arg({"--mib"}, "N", string_format("cache MiB (default: %d)", params.cache_mib),
        [](tool_params & params, const std::string & value) { params.cache_mib = std::stoi(value); }));
    add_opt(common_arg({"-kt", "--kv-type"}, "TYPE", string_format("KV type\\nallowed values: %s\\n(default: %s)", get_all_kv_cache_types().c_str(), ggml_type_name(params.kv_type)),
        [](tool_params & params, const std::string & value) { params.bind_addr = value; }));`);
    expect(one(flags, "--range")).toMatchObject({ valueCount: 2, valueHint: "START END" });
    expect(one(flags, "--effects").allowedValues).toEqual(["on", "off", "auto"]);
    expect(one(flags, "--mode")).toMatchObject({ allowedValues: ["fast", "slow"], default: "fast" });
    expect(one(flags, "--extra").repeatable).toBe(true);
    expect(one(flags, "--mib")).toMatchObject({ integer: true, default: "8192" });
    expect(one(flags, "--kv-type")).toMatchObject({ allowedValues: ["f16", "q8_0", "q4_0"], default: "f16" });
  });

  it("keeps an option under a condition it cannot evaluate (built with or without a backend)", () => {
    const flags = argEra(`
    if (backend_has_remote()) {
        add_opt(common_arg({"--remote"}, "HOSTS", "remote workers",
            [](tool_params & params, const std::string & value) { params.bind_addr = value; }).set_env("LLAMA_ARG_REMOTE"));
    }`);
    expect(one(flags, "--remote").server).toBe(true);
  });

  it("leaves a default it cannot resolve unstated", () => {
    const flags = argEra(`
    add_opt(common_arg({"--workers"}, "N", string_format("workers (default: %d)", compute_workers()),
        [](tool_params & params, int value) { params.cpu.n_workers = value; }));
    add_opt(common_arg({"--workers-batch"}, "N", string_format("batch workers (default: %d)", params.cpu.n_workers),
        [](tool_params & params, int value) { params.cpu.n_workers = value; }));`);
    expect(one(flags, "--workers")).toMatchObject({ default: null, help: "workers (default: …)" });
    expect(one(flags, "--workers-batch").default).toBe("-1");
  });
});

describe("extract: the if (arg == …) chains (≤ b3682)", () => {
  const common = `
#define NEEDS_VALUE if (++i >= argc) { invalid_param = true; return true; }
bool gpt_params_find_arg(int argc, char ** argv, const std::string & arg, tool_params & params, int & i, bool & invalid_param) {
    if (arg == "-w" || arg == "--window") {
        if (++i >= argc) { invalid_param = true; return true; }
        params.n_window = std::stoi(argv[i]);
        return true;
    }
    if (arg == "--tpl") {
        params.use_tpl = true;
        return true;
    }
    if (arg == "--extra") {
        CHECK_ARG
        params.extras.emplace_back(argv[i]);
        return true;
    }
    if (arg == "--range") {
        CHECK_ARG
        params.n_window = std::stoi(argv[i]);
        CHECK_ARG
        params.n_lanes = std::stoi(argv[i]);
        return true;
    }
    return false;
}
void gpt_params_parse_from_env(tool_params & params) {
    get_env("LLAMA_ARG_WINDOW", params.n_window);
}
void gpt_params_print_usage(int /*argc*/, char ** argv, const tool_params & params) {
    const tool_sampling & sp = params.sampling;
    std::vector<option_info> options;
    options.push_back({ "general" });
    options.push_back({ "*",      "-w,    --window N",   "tokens in the window (default: %d)", params.n_window });
    options.push_back({ "server", "       --tpl",        "use templates (default: %s)", params.use_tpl ? "enabled" : "disabled" });
    options.push_back({ "*",      "       --range START END", "layer range (DEPRECATED, use --window instead)" });
    options.push_back({ "*",      "       --nucleus N", "nucleus (default: %.1f)", (double) sp.nucleus });
}
`;

  it("reads a common.cpp chain with its usage table and env vars: every option is the server's", () => {
    const { era, flags } = extract({ "common/common.cpp": common, "common/common.h": HEADER });
    expect(era).toBe("common.cpp chain");
    expect(one(flags, "--window")).toEqual(makeFacts({
      names: ["-w", "--window"], valueCount: 1, valueHint: "N", env: "LLAMA_ARG_WINDOW", default: "4096",
      help: "tokens in the window (default: 4096)", integer: true,
    }));
    expect(one(flags, "--tpl")).toMatchObject({ valueCount: 0, default: "disabled", server: true });
    expect(one(flags, "--extra")).toMatchObject({ valueCount: 1, repeatable: true });
    expect(one(flags, "--range")).toMatchObject({ valueCount: 2, valueHint: "START", status: "deprecated", replacement: "--window" });
  });

  it("reads the server's own chain and printf usage before b3087; common options belong to other tools then", () => {
    const server = `
struct srv_params { int32_t port = 8080; int32_t read_timeout = 600; };
static void server_print_usage(const char * argv0, const tool_params & params, const srv_params & sparams) {
    printf("usage: %s [options]\\n", argv0);
    printf("  -w N, --window N          tokens in the window (default: %d)\\n", params.n_window);
    printf("  --port PORT               port to listen on (default: %d)\\n", sparams.port);
    printf("  --scaling {none,linear}\\n");
    printf("                            scaling method\\n");
    printf("  -to N, --timeout N        timeout in seconds (default: %d)\\n", sparams.read_timeout);
}
static void server_params_parse(int argc, char ** argv, srv_params & sparams, tool_params & params) {
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        if (arg == "--port") {
            if (++i >= argc) { invalid_param = true; break; }
            sparams.port = std::stoi(argv[i]);
        } else if (arg == "-w" || arg == "--window" || arg == "--window_size") {
            if (++i >= argc) { invalid_param = true; break; }
            params.n_window = std::stoi(argv[i]);
        } else if (arg == "--scaling") {
            if (++i >= argc) { invalid_param = true; break; }
            std::string value(argv[i]);
        } else if (arg == "--timeout" || arg == "-to") {
            if (++i >= argc) { invalid_param = true; break; }
            sparams.read_timeout = std::stoi(argv[i]);
        }
    }
}
`;
    const { era, flags } = extract({ "examples/server/server.cpp": server, "common/common.cpp": common, "common/common.h": HEADER });
    expect(era).toBe("server.cpp chain");
    expect(one(flags, "--port")).toMatchObject({ server: true, valueHint: "PORT", default: "8080", integer: true });
    expect(one(flags, "--window")).toMatchObject({ server: true, names: ["-w", "--window", "--window_size"] });
    expect(one(flags, "--scaling")).toMatchObject({ allowedValues: ["none", "linear"], help: "scaling method" });
    expect(one(flags, "--timeout")).toMatchObject({ names: ["--timeout", "-to"], default: "600" });
    expect(one(flags, "--tpl")).toMatchObject({ server: false });
    expect(flags.filter((f) => f.names.includes("-w"))).toHaveLength(1);
  });

  it("tells the llama_arg objects in common.cpp (b3683–b3715) from the chains", () => {
    const src = `
std::vector<llama_arg> gpt_params_parser_init(tool_params & params, llama_example ex, std::function<void(int, char **)> print_usage) {
    add_opt(llama_arg({"-w", "--window"}, "N", format("window (default: %d)", params.n_window),
        [](tool_params & params, int value) { params.n_window = value; }).set_env("LLAMA_ARG_WINDOW"));
}`;
    const { era, flags } = extract({ "common/common.cpp": src, "common/common.h": HEADER });
    expect(era).toBe("common.cpp objects");
    expect(one(flags, "-w")).toMatchObject({ default: "4096", env: "LLAMA_ARG_WINDOW", integer: true });
  });
});

describe("normalizeVersion", () => {
  it("keeps one entry per spelling, the server's first", () => {
    const out = normalizeVersion([
      makeFacts({ names: ["-o", "--out"], server: false, tools: ["cli"] }),
      makeFacts({ names: ["-o", "--out"], server: false, tools: ["bench"] }),
      makeFacts({ names: ["--out", "--output"], server: true }),
    ]);
    expect(out.map((f) => [f.names, f.server])).toEqual([[["--out", "--output"], true], [["-o"], false]]);
  });
});

describe("printf as llama.cpp prints", () => {
  it("formats ints, strings, widths and exact floats", () => {
    expect(formatC("%d|%5d|%-3s|%s|%%", [{ k: "int", v: 42 }, { k: "int", v: 7 }, { k: "str", v: "a" }, { k: "bool", v: true }])).toBe("42|    7|a  |\u0001|%");
    expect(toFixedExact(Math.fround(0.95), 1)).toBe("0.9");
    expect(toFixedExact(0.96, 1)).toBe("1.0");
    expect(toFixedExact(0.125, 2)).toBe("0.12");
    expect(toFixedExact(0.375, 2)).toBe("0.38");
    expect(toFixedExact(-1, 2)).toBe("-1.00");
    expect(numberValue("0.95f")).toEqual({ k: "float", v: Math.fround(0.95) });
  });
});
