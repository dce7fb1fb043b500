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
