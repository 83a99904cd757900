// Builds hearth/static/build/ from npm packages: compiled CSS, GOV.UK Frontend's JS and its
// images. Fonts are deliberately not copied (Arial is used instead of GDS Transport), nor is
// the crown. Nothing here is committed; `make assets` runs it.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "hearth", "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "assets", "images"), { recursive: true });

const result = sass.compile(join(root, "frontend", "hearth.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "hearth.css"), result.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
// GOV.UK's favicon is the crown, which only government services may use: Hearth has its own.
cpSync(join(root, "frontend", "favicon.svg"), join(out, "assets", "images", "favicon.svg"));
cpSync(join(root, "frontend", "init.mjs"), join(out, "init.mjs"));
// The browser tests inject axe-core from here; it is a dev dependency, so only when installed.
const axe = join(root, "node_modules", "axe-core", "axe.min.js");
if (existsSync(axe)) cpSync(axe, join(out, "axe.min.js"));
console.log(`built ${out}`);
