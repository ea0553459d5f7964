// Boots GraphiQL from locally served assets (no CDN) so it works offline and under a strict
// Content-Security-Policy: no inline script; the page hands its options over in a JSON data block.
(function () {
  "use strict";
  const options = JSON.parse(document.getElementById("graphiql-options").textContent);
  const e = React.createElement;
  const { useEditorContext } = GraphiQL.React;

  const fetcher = GraphiQL.createFetcher({ url: options.endpoint });

  function headersFromEditor(text) {
    if (!text || !text.trim()) return {};
    try {
      return JSON.parse(text);
    } catch (_error) {
      return {};
    }
  }

  // The query plan of the current operation, asked from the gateway without executing it.
  function QueryPlanPanel() {
    const editors = useEditorContext({ nonNull: true });
    const [plan, setPlan] = React.useState("Press the button to plan the current operation.");
    async function showPlan() {
      const query = editors.queryEditor ? editors.queryEditor.getValue() : "";
      const variablesText = editors.variableEditor ? editors.variableEditor.getValue() : "";
      const headersText = editors.headerEditor ? editors.headerEditor.getValue() : "";
      let variables = {};
      try {
        variables = variablesText.trim() ? JSON.parse(variablesText) : {};
      } catch (_error) {
        setPlan("The variables are not valid JSON.");
        return;
      }
      const response = await fetch(options.endpoint, {
        method: "POST",
        headers: Object.assign(
          { "Content-Type": "application/json", Accept: "application/graphql-response+json" },
          headersFromEditor(headersText),
          { [options.planHeader]: "only" },
        ),
        body: JSON.stringify({ query: query, variables: variables }),
      });
      const body = await response.json();
      const extensions = body.extensions || {};
      if (extensions.queryPlanText) {
        setPlan(extensions.queryPlanText);
      } else {
        setPlan(JSON.stringify(body.errors || body, null, 2));
      }
    }
    return e(
      "div",
      { className: "bankgraph-plan" },
      e("div", { className: "graphiql-doc-explorer-title" }, "Query plan"),
      e("button", { className: "graphiql-button", type: "button", onClick: showPlan }, "Plan current operation"),
      e("pre", { className: "bankgraph-plan-text", "data-testid": "query-plan" }, plan),
    );
  }

  const planIcon = () => e("span", { "aria-hidden": "true", className: "bankgraph-plan-icon" }, "⎇");

  const plugins = options.planHeader
    ? [{ title: "Query plan", icon: planIcon, content: QueryPlanPanel }]
    : [];

  const defaultHeaders = options.defaultHeaders ? JSON.stringify(options.defaultHeaders, null, 2) : undefined;
  const tabs = (options.examples || []).map((example) => ({
    query: example.query,
    variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
    headers: defaultHeaders,
  }));

  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    e(GraphiQL, {
      fetcher: fetcher,
      plugins: plugins,
      defaultTabs: tabs.length ? tabs : undefined,
      defaultHeaders: defaultHeaders,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: defaultHeaders ? "headers" : undefined,
    }),
  );
})();
