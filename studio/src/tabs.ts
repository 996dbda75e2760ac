/**
 * The work panels as ARIA tabs: a click or Enter shows a panel, the arrow
 * keys move between tabs, Home and End jump to the ends.
 */

let tabs: HTMLButtonElement[] = [];

export function showTab(name: string): void {
  for (const tab of tabs) {
    const selected = tab.dataset['tab'] === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
    if (panel) panel.hidden = !selected;
  }
}

export function setUpTabs(list: HTMLElement): void {
  tabs = Array.from(list.querySelectorAll<HTMLButtonElement>('[role=tab]'));
  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener('click', () => showTab(tab.dataset['tab'] ?? ''));
    tab.addEventListener('keydown', (event) => {
      const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (target === undefined) return;
      event.preventDefault();
      const next = tabs[(target + tabs.length) % tabs.length]!;
      showTab(next.dataset['tab'] ?? '');
      next.focus();
    });
  }
  showTab(tabs[0]?.dataset['tab'] ?? '');
}
