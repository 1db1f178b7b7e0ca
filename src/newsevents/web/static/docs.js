// Offline API docs: renders /openapi.json (paths, parameters, a "try it" form for GET endpoints).
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
  return node;
}

function tryForm(path, params) {
  const inputs = {};
  const out = el("pre", {class: "out", hidden: ""});
  const form = el("form", {class: "try"});
  for (const p of params) {
    inputs[p.name] = el("input", {name: p.name, placeholder: p.in});
    form.append(el("label", {}, p.name + " ", inputs[p.name]), " ");
  }
  form.append(el("button", {type: "submit"}, "Try"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    let url = path;
    const qs = new URLSearchParams();
    for (const p of params) {
      const v = inputs[p.name].value.trim();
      if (!v) continue;
      if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(v)); else qs.set(p.name, v);
    }
    const res = await fetch(url + (qs.toString() ? "?" + qs : ""));
    const text = await res.text();
    out.hidden = false;
    out.textContent = `${res.status} ${res.headers.get("content-type") || ""}\n\n` + text.slice(0, 20000);
  });
  return [form, out];
}

async function main() {
  const spec = await fetch("/openapi.json").then((r) => r.json());
  document.getElementById("version").textContent = `${spec.info.title} ${spec.info.version}`;
  const root = document.getElementById("endpoints");
  root.replaceChildren();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters || [];
      const box = el("section", {class: "op", id: op.operationId || null},
        el("h3", {}, el("span", {class: "method " + method}, method.toUpperCase()), " ", path),
        el("p", {}, op.summary || ""), el("p", {class: "muted"}, op.description || ""));
      if (params.length) {
        const table = el("table", {class: "params"}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"),
          el("th", {}, "type"), el("th", {}, "description")));
        for (const p of params) {
          const s = p.schema || {};
          const type = s.type || (s.anyOf || []).map((x) => x.type || (x.items ? "array" : "")).filter(Boolean).join(" | ");
          table.append(el("tr", {}, el("td", {}, el("code", {}, p.name)), el("td", {}, p.in), el("td", {}, type),
            el("td", {}, p.description || "")));
        }
        box.append(table);
      }
      if (op.requestBody) box.append(el("p", {}, "Body: JSON (see openapi.json components)."));
      if (method === "get") box.append(...tryForm(path, params));
      root.append(box);
    }
  }
}

document.addEventListener("DOMContentLoaded", () => main().catch((err) => {
  document.getElementById("endpoints").textContent = "could not load /openapi.json: " + err;
}));
