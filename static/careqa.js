// CareQA: start GOV.UK Frontend's components (loaded as a module: old browsers skip it).
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();
