import { describe, expect, it } from "vitest";
import { formatBinaryBytes, formatDecimalBytes } from "../src/index.js";

describe("formatBinaryBytes", () => {
  it("counts in powers of two: GiB with one decimal, whole MiB, whole KiB", () => {
    expect(formatBinaryBytes(1789239136)).toBe("1.7 GiB");
    expect(formatBinaryBytes(2 ** 30)).toBe("1.0 GiB");
    expect(formatBinaryBytes(2 ** 30 - 1)).toBe("1024 MiB");
    expect(formatBinaryBytes(176 * 2 ** 20)).toBe("176 MiB");
    expect(formatBinaryBytes(2 ** 20 - 1)).toBe("1024 KiB");
    expect(formatBinaryBytes(1536)).toBe("2 KiB");
    expect(formatBinaryBytes(0)).toBe("0 KiB");
  });
});

describe("formatDecimalBytes", () => {
  it("counts in powers of ten: GB with one decimal, whole MB, bytes as given", () => {
    expect(formatDecimalBytes(1789239136)).toBe("1.8 GB");
    expect(formatDecimalBytes(1e9)).toBe("1.0 GB");
    expect(formatDecimalBytes(999_999_999)).toBe("1000 MB");
    expect(formatDecimalBytes(1e6)).toBe("1 MB");
    expect(formatDecimalBytes(999_999)).toBe("999999 B");
    expect(formatDecimalBytes(0)).toBe("0 B");
  });
});
