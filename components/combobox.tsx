"use client";
// A searchable filter field (ARIA 1.2 combobox with list autocomplete): the user types, the server
// answers the matches (`source` with "q=" added), the chosen option's id goes into a hidden input of the GET
// form. Keyboard: ↓/↑ open and move through the options, Enter picks, Escape closes (then clears),
// Tab leaves. Typing again drops the choice until an option is picked. Inside a client form, `onChoose`
// hears each choice (and null when it is dropped); `invalid` and `describedBy` tie it to the form's error.
import { useEffect, useId, useRef, useState } from "react";
import { inputClass, labelClass } from "./ui/styles";

export type ComboboxOption = { id: string; label: string };
/** Its words, translated by the server parent; "#" in `matches` and `chosen` stands for the count or the label. */
export type ComboboxWords = { all: string; noMatch: string; matches: string; failed: string; chosen: string };

export function Combobox({ name, label, source, value, valueLabel, words, onChoose, invalid, describedBy, labelClassName }: {
  name: string; label: string; source: string; value?: string; valueLabel?: string; words: ComboboxWords;
  onChoose?: (option: ComboboxOption | null) => void; invalid?: boolean; describedBy?: string; labelClassName?: string;
}) {
  const id = useId();
  const [text, setText] = useState(valueLabel ?? "");
  const [selected, setSelected] = useState(value ?? "");
  const [options, setOptions] = useState<ComboboxOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => { request.current?.abort(); clearTimeout(timer.current); }, []);

  /** A search still waiting or under way is dropped: its list must not open once the user has left or chosen. */
  function cancelSearch() {
    clearTimeout(timer.current);
    request.current?.abort();
  }

  function search(query: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      try {
        const res = await fetch(`${source}${source.includes("?") ? "&" : "?"}q=${encodeURIComponent(query.trim())}`, { signal: controller.signal });
        if (!res.ok) throw new Error(`search answered ${res.status}`);
        const found = (await res.json()) as ComboboxOption[];
        setOptions(found);
        setActive(found.length > 0 ? 0 : -1);
        setOpen(true);
        setStatus(found.length === 0 ? words.noMatch : words.matches.replace("#", String(found.length)));
      } catch {
        if (!controller.signal.aborted) setStatus(words.failed);
      }
    }, 150);
  }

  function choose(option: ComboboxOption) {
    cancelSearch();
    setSelected(option.id);
    setText(option.label);
    setOpen(false);
    setActive(-1);
    setStatus(words.chosen.replace("#", option.label));
    onChoose?.(option);
  }

  function drop() {
    if (selected) onChoose?.(null);
    setSelected("");
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const last = options.length - 1;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) search(text);
      else setActive((a) => (a >= last ? 0 : a + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (open) setActive((a) => (a <= 0 ? last : a - 1));
    } else if (event.key === "Enter") {
      // Enter picks the active option; with the list closed it submits the form as usual.
      if (open && active >= 0 && options[active]) {
        event.preventDefault();
        choose(options[active]);
      }
    } else if (event.key === "Escape") {
      // Handled (default prevented) only when there is a list to close or a text to clear: an Escape on
      // an empty field is left to the form around it (a dialog or panel may close on it).
      if (open) { event.preventDefault(); setOpen(false); }
      else if (text || selected) { event.preventDefault(); setText(""); drop(); }
    }
  }

  const listbox = `${id}-listbox`;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className={labelClassName ?? labelClass}>{label}</label>
      <input
        id={`${id}-input`} type="text" role="combobox" autoComplete="off" placeholder={words.all} value={text} className={`${inputClass} mt-1`}
        aria-autocomplete="list" aria-expanded={open} aria-controls={listbox} aria-invalid={invalid || undefined} aria-describedby={describedBy}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        onChange={(e) => {
          setText(e.target.value);
          drop();
          if (e.target.value.trim()) search(e.target.value);
          else { clearTimeout(timer.current); setOpen(false); setOptions([]); }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => { cancelSearch(); setOpen(false); }}
      />
      <input type="hidden" name={name} value={selected} />
      <ul id={listbox} role="listbox" aria-label={label} hidden={!open || options.length === 0} className="combobox-list">
        {options.map((o, i) => (
          <li key={o.id} id={optionId(i)} role="option" aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()} onClick={() => choose(o)}>
            {o.label}
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="sr-only">{status}</p>
    </div>
  );
}
