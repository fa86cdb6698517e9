// CareQA: start GOV.UK Frontend's components (loaded as a module: old browsers skip it).
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();

// Filter forms send only the filters in use, so that addresses stay short enough to read
// and share ("/?rating=good" rather than "/?q=&type=&rating=good&sector=&…").
for (const form of document.querySelectorAll("form[data-careqa-compact-query]")) {
  form.addEventListener("submit", () => {
    for (const field of form.elements) {
      if (field.name && field.type !== "checkbox" && field.value === "") {
        field.disabled = true;
      }
    }
  });
}

// Coming back to the page from the browser's history, the fields must work again.
window.addEventListener("pageshow", () => {
  for (const field of document.querySelectorAll("form[data-careqa-compact-query] [disabled]")) {
    field.disabled = false;
  }
});
