// Small progressive enhancements; every page works without them. No inline scripts anywhere (CSP).
document.documentElement.classList.add("js");
// The language form keeps its "Change" button: submitting on "change" would reload the page on the first arrow key
// of a keyboard user moving through the options (WCAG 3.2.2, on input).

// Map tooltips get data typed by users (place and group names). Leaflet puts a string tooltip in as HTML, so a name
// like `<img src=x onerror=…>` would become markup: pass this element instead, whose text is never parsed.
window.portalTextNode = function (text) {
  var span = document.createElement("span");
  span.textContent = text;
  return span;
};

// Formsets: "Add a row" copies the empty form's <template> with the next form number, so no save is needed to get
// another empty row. Django counts the rows from TOTAL_FORMS; max_num is checked again on the server.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-add-formset-row]");
  if (!button) return;
  var total = document.getElementById(button.dataset.total);
  var count = parseInt(total.value, 10);
  if (count >= parseInt(button.dataset.max, 10)) return;
  var template = document.getElementById(button.dataset.template);
  var html = template.innerHTML.replace(/__prefix__/g, String(count));
  var body = document.getElementById(button.dataset.addFormsetRow);
  body.insertAdjacentHTML("beforeend", html);
  total.value = String(count + 1);
  var first = body.lastElementChild && body.lastElementChild.querySelector("select, input:not([type=hidden])");
  if (first) first.focus();
});
