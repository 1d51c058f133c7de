// Starts Swagger UI on the API's own OpenAPI document. A file, not an inline script: the server's
// Content-Security-Policy allows scripts from this origin only. validatorUrl null: no call to swagger.io.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
  });
});
