// Starts GOV.UK Frontend's components. A file of its own so the CSP needs no inline script.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Tables wider than the screen (a phone is 390px) scroll sideways inside their own region,
// as GOV.UK advises for wide tables: the region is named after the table's caption and, only
// while it overflows, can be focused so it scrolls from the keyboard too.
function scrollableTables() {
  const regions = [];
  for (const table of document.querySelectorAll("table.govuk-table")) {
    let region = table.parentElement;
    if (!region.classList.contains("hearth-table-scroll")) {
      region = document.createElement("div");
      region.className = "hearth-table-scroll";
      region.setAttribute("role", "region");
      const name = table.caption ? table.caption.textContent.trim() : "";
      region.setAttribute("aria-label", name || document.title);
      table.before(region);
      region.append(table);
    }
    regions.push(region);
  }
  const update = () => {
    for (const region of regions) {
      if (region.scrollWidth > region.clientWidth) region.setAttribute("tabindex", "0");
      else region.removeAttribute("tabindex");
    }
  };
  update();
  window.addEventListener("resize", update);
}
scrollableTables();

// Radios that reveal their own follow-up questions (GOV.UK's conditional reveal), without the
// aria-expanded that GOV.UK Frontend puts on radio inputs, which ARIA does not allow there.
// Each input names its panel in data-hearth-reveals; without JavaScript every panel shows.
function conditionalReveals() {
  const inputs = document.querySelectorAll("input[type=radio][data-hearth-reveals]");
  const sync = (name) => {
    for (const input of document.querySelectorAll(`input[type=radio][name="${name}"]`)) {
      const panel = document.getElementById(input.dataset.hearthReveals || "");
      if (panel) panel.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
    }
  };
  for (const input of inputs) {
    input.setAttribute("aria-controls", input.dataset.hearthReveals);
    input.addEventListener("change", () => sync(input.name));
    sync(input.name);
  }
  // Radios with no panel of their own still hide the others' panels when chosen.
  const names = new Set([...inputs].map((input) => input.name));
  for (const name of names) {
    for (const input of document.querySelectorAll(`input[type=radio][name="${name}"]`)) {
      input.addEventListener("change", () => sync(name));
    }
  }
}
conditionalReveals();
