// Starts GOV.UK Frontend's components. A file of its own so the CSP needs no inline script.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
