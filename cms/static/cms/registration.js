// Registration call to action: POST to the seat API with the CSRF token from the cookie.
(function () {
  "use strict";
  function cookie(name) {
    const match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }
  document.querySelectorAll("form.register").forEach(function (form) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const result = form.querySelector(".register-result");
      const button = form.querySelector("button");
      button.disabled = true;
      try {
        const response = await fetch(form.dataset.url, {
          method: "POST",
          credentials: "same-origin",
          headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": cookie("csrftoken")},
          body: "{}",
        });
        if (response.ok) {
          window.location.reload();  // the page shows the member's new status
          return;
        }
        const data = await response.json().catch(function () { return {}; });
        result.textContent = data.detail || data.message || ("Fejl " + response.status);
      } catch (error) {
        result.textContent = String(error);
      }
      button.disabled = false;
    });
  });
})();
