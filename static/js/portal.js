// Small progressive enhancements; every page works without them. No inline scripts anywhere (CSP).
document.documentElement.classList.add("js");
// The language form keeps its "Change" button: submitting on "change" would reload the page on the first arrow key
// of a keyboard user moving through the options (WCAG 3.2.2, on input).
