// apt_deb_src.test.mjs: scripts/setup.sh derives its deb-src entry from the machine's own apt
// sources (scripts/apt_deb_src.awk), so source packages come from the same mirror and keyring.
// Checked on source files written here: deb822 and one-line forms, a local mirror, an inline
// key, disabled entries, other suites and third-party repositories.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const awk = path.join(root, "scripts", "apt_deb_src.awk");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebm-apt-"));
const write = (name, text) => { const p = path.join(dir, name); fs.writeFileSync(p, text); return p; };
const derive = (files, type = "deb") =>
  execFileSync("awk", ["-v", "CODENAME=bookworm", "-v", `TYPE=${type}`, "-f", awk, ...files], { encoding: "utf8", input: "" });

test("a local mirror in deb822 form: same URIs, components and keyring, release suite only", () => {
  const f = write("debian.sources", [
    "Types: deb", "# a comment", "URIs: http://mirror.example.lan/debian", "Suites: bookworm bookworm-updates",
    "Components: main contrib", "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg", "",
    "Types: deb", "URIs: http://mirror.example.lan/debian-security", "Suites: bookworm-security", "Components: main",
    "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg", "",
    "Types: deb", "Enabled: no", "URIs: http://disabled.example/debian", "Suites: bookworm", "Components: main", ""].join("\n"));
  assert.equal(derive([f]), ["Types: deb-src", "URIs: http://mirror.example.lan/debian", "Suites: bookworm",
                             "Components: main contrib", "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg", ""].join("\n"));
});

test("one-line sources with options; third-party suites are left out; duplicates once", () => {
  const f = write("sources.list", [
    "deb [arch=amd64 signed-by=/etc/apt/keyrings/local.gpg] http://10.0.0.5/debian/ bookworm main",
    "deb http://10.0.0.5/debian/ bookworm main   # again, without options",
    "deb https://deb.nodesource.com/node_20.x nodistro main", "# deb http://commented.example/debian bookworm main"].join("\n"));
  const l = write("local.list", "deb [arch=amd64 signed-by=/etc/apt/keyrings/local.gpg] http://10.0.0.5/debian/ bookworm main\n");
  assert.equal(derive([f, l]), ["Types: deb-src", "URIs: http://10.0.0.5/debian/", "Suites: bookworm", "Components: main",
                                "Signed-By: /etc/apt/keyrings/local.gpg", "", "Types: deb-src", "URIs: http://10.0.0.5/debian/",
                                "Suites: bookworm", "Components: main", ""].join("\n"));
});

test("an inline key is copied as it is; existing deb-src entries are found", () => {
  const f = write("inline.sources", ["Types: deb deb-src", "URIs: http://m.example/debian", "Suites: bookworm",
                                     "Components: main", "Signed-By:", " -----BEGIN PGP PUBLIC KEY BLOCK-----", " .",
                                     " mQINBFxZ", " -----END PGP PUBLIC KEY BLOCK-----", ""].join("\n"));
  const out = derive([f]);
  assert.match(out, /^Signed-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n \.\n mQINBFxZ\n -----END PGP PUBLIC KEY BLOCK-----\n$/m);
  assert.notEqual(derive([f], "deb-src"), "");  // setup.sh then writes nothing
  assert.equal(derive([write("none.list", "deb http://x.example/debian bullseye main\n")]), "");
});
