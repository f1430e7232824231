"use client";
// Stacked tables (app/globals.css, below md) show a cell's column header before its value when the
// cell has a `data-label`. A page may write them in its markup (`table-stack`), choosing which cells go
// without one; for the tables that have none at all, this fills them in from the table's own header
// row, on the first render and whenever the content of `main` changes (a navigation, a filter).
// Without JavaScript the cells of those tables show their values alone.
import { useEffect } from "react";

function labelCells(root: HTMLElement) {
  for (const table of root.querySelectorAll("table")) {
    const head = table.tHead?.rows[0];
    if (!head || table.classList.contains("table-stack") || table.querySelector("[data-label]:not([data-label-auto])")) continue;
    const headers: string[] = [];
    for (const th of head.cells) {
      const text = th.textContent?.trim() ?? "";
      for (let i = 0; i < th.colSpan; i++) headers.push(text);
    }
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const text = headers[column];
          if (text && cell.getAttribute("data-label") !== text) {
            cell.setAttribute("data-label", text);
            cell.setAttribute("data-label-auto", "");
          }
          column += cell.colSpan;
        }
      }
    }
  }
}

export function TableLabels() {
  useEffect(() => {
    const main = document.getElementById("main");
    if (!main) return;
    labelCells(main);
    // Nodes and texts only (a language change rewrites the headers): the attributes set here do not wake it.
    const observer = new MutationObserver(() => labelCells(main));
    observer.observe(main, { childList: true, characterData: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return null;
}
