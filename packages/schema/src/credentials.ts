/**
 * What looks like a credential: the one detector behind the `secret-literal` rule and behind
 * every message that would quote a value (excerpt.ts). Kept in the leaf package so the schema
 * stage, the policy rules, the config check and the CLI all judge a value the same way.
 */

/** Credential formats that are unmistakable wherever they appear (`secret-literal` reports each). */
export const TOKEN_PATTERNS: readonly { what: string; re: RegExp }[] = [
  { what: "a Hugging Face token", re: /\bhf_[A-Za-z0-9]{30,}\b/ },
  { what: "an OpenAI-style API key", re: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}\b/ },
  { what: "a GitHub token", re: /\b(?:ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{30,}\b/ },
  { what: "an AWS access key id", re: /\bAKIA[0-9A-Z]{16}\b/ },
];

/**
 * What the text of a file must contain for any of its scalars to hold a token: a token's prefix,
 * or an escape of a double-quoted scalar that could spell one (\x68, \u0068, a line joined by
 * "\" at its end). A file without any of these is not walked scalar by scalar.
 */
export const TOKEN_HINT = /hf_|sk-|gh[opsu]_|github_pat_|AKIA|\\[xuU\r\n]/;

const SECRET_WORDS = new Set(["TOKEN", "KEY", "APIKEY", "PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "CREDENTIAL", "CREDENTIALS", "AUTH"]);
/** Names that point at a secret rather than hold one (LLAMA_ARG_API_KEY_FILE is a path). */
const REFERENCE_WORDS = new Set(["FILE", "PATH", "DIR", "NAME", "ID", "TYPE", "REF", "URL"]);

/**
 * Whether a name (an environment variable, a key) says it holds a secret: HF_TOKEN,
 * LLAMA_API_KEY, DB_PASSWORD, apiKey. Names that point at one (…_FILE, secretName) do not.
 */
export function isSecretName(name: string): boolean {
  // camelCase splits into words too: apiKey → API KEY, secretName → SECRET NAME.
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (!last || REFERENCE_WORDS.has(last)) return false;
  return words.some((w) => SECRET_WORDS.has(w));
}

/** A URL with a password in it (`https://user:secret@host`, a .git-credentials line). */
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:[^\s/@]+@/i;
/** A PEM block (a private key, a certificate's key pair). */
const PEM = /-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE)-----/;
/** A bearer or basic credential as an HTTP header carries it. */
const AUTH_HEADER = /\b(?:bearer|basic)\s+[A-Za-z0-9._~+/=-]{12,}/i;

/**
 * Whether a scalar looks like a credential, by its value or by the key it sits under: a token
 * (TOKEN_PATTERNS), a URL with a password, a PEM block, an Authorization header value, or any
 * value under a key such as `password`, `apiKey` or `HF_TOKEN`. Messages never quote such a value.
 */
export function looksLikeCredential(value: string, key?: string): boolean {
  if (key !== undefined && isSecretName(key)) return true;
  return TOKEN_PATTERNS.some((p) => p.re.test(value)) || URL_WITH_PASSWORD.test(value) || PEM.test(value) || AUTH_HEADER.test(value);
}
