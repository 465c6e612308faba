// GOV.UK Frontend's components (menu toggle on phones, error summary focus, tabs…).
// Every page works without this file; it only adds what needs JavaScript.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
