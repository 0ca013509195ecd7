// Writes golden.json: for every case of cases.json, the outputs jq 1.7 (the jq-wasm build, "jq-1.7.1") gives, each
// as the exact JSON text jq printed,
// or the error it raises; plus, as second opinions, what Debian's jq 1.6 and gojq give when they are installed.
// Run by hand after changing cases.json:  cd ocean-jq/src/test/conformance && npm install && node generate.js
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const jq = require("jq-wasm");

const fixtures = path.resolve(__dirname, "../../../../ocean-testkit/src/main/resources/io/ocean/testkit/fixtures");
const cases = JSON.parse(fs.readFileSync(path.join(__dirname, "cases.json"), "utf8"));

function inputOf(c) {
  let value = c.fixture ? JSON.parse(fs.readFileSync(path.join(fixtures, c.fixture), "utf8")) : c.input;
  for (const key of c.at || []) value = value[key];
  return value === undefined ? null : value;
}

function other(binary, filter, input) {
  try {
    const out = execFileSync(binary, ["-c", filter], { input: JSON.stringify(input), stdio: ["pipe", "pipe", "pipe"] });
    return { outputs: out.toString().split("\n").filter(l => l.length) };
  } catch (e) {
    if (e.code === "ENOENT") return undefined;
    return { error: (e.stderr || "").toString().trim().split("\n")[0] };
  }
}

(async () => {
  const golden = [];
  for (const c of cases) {
    const input = inputOf(c);
    const entry = { name: c.name, expression: c.expression };
    if (c.fixture) entry.fixture = c.fixture;
    if (c.at) entry.at = c.at;
    if (!c.fixture) entry.input = c.input === undefined ? null : c.input;
    try {
      const raw = await jq.raw(JSON.stringify(input), c.expression, ["-c"]);
      // kept as jq printed them: JSON.parse would round integers beyond 2^53
      entry.outputs = raw.split("\n").filter(l => l.length);
    } catch (e) {
      entry.error = e.message.split("\n")[0];
    }
    const jq16 = other("jq", c.expression, input);
    const gojq = other("gojq", c.expression, input);
    if (jq16) entry.jq16 = jq16;
    if (gojq) entry.gojq = gojq;
    golden.push(entry);
  }
  const version = "jq-wasm 1.0.1 (jq-1.7.1)";
  fs.writeFileSync(path.join(__dirname, "golden.json"),
    JSON.stringify({ generator: version, generated: new Date().toISOString().slice(0, 10), cases: golden }, null, 1) + "\n");
  console.log(`${golden.length} cases, ${golden.filter(g => g.error).length} expected errors`);
})();
