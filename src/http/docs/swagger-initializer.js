// Starts Swagger UI on /docs against /openapi.json; a file of its own so the CSP needs no inline script.
globalThis.addEventListener('load', () => {
  globalThis.ui = globalThis.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [globalThis.SwaggerUIBundle.presets.apis, globalThis.SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
