// Small progressive enhancements; every page works without them. No inline scripts anywhere (CSP).
document.documentElement.classList.add("js");
document.querySelectorAll(".js-language-form select").forEach(function (select) {
  select.addEventListener("change", function () { select.form.submit(); });
});
