import type { Page } from '@playwright/test';

/**
 * Text a cashier cannot read whole on the screen as it is now, each named by its element and the words cut:
 * - an empty field whose placeholder is wider than the field's inside (Chromium cuts it at the edge, with no ellipsis);
 * - a chosen option wider than its select;
 * - words hidden by a box that clips (overflow hidden or clip, an ellipsis), sideways or at the bottom;
 * - words that stick out of their own box sideways (they run into what is beside it);
 * - a box that scrolls sideways (a table wider than its place: its last columns are out of sight).
 * Screen-reader-only words (clipped to a pixel on purpose) are left out, and so is an ellipsis on an element whose
 * title holds its whole words.
 */
export async function cutText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const words = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const name = (e: Element) => {
      const id = e.id ? `#${e.id}` : '';
      const cls = [...e.classList].map((c) => `.${c}`).join('');
      return `${e.tagName.toLowerCase()}${id}${cls}`;
    };
    /** hidden from sight on purpose: an sr-only box, something not rendered */
    const visuallyHidden = (e: Element): boolean => {
      for (let p: Element | null = e; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.clip !== 'auto' || s.clipPath !== 'none') return true;
        if (s.visibility === 'hidden' || s.opacity === '0') return true;
        const r = p.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) return true;
      }
      return false;
    };
    const canvas = document.createElement('canvas').getContext('2d');
    const textWidth = (text: string, el: Element) => {
      if (!canvas) return 0;
      const s = getComputedStyle(el);
      canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      canvas.letterSpacing = s.letterSpacing === 'normal' ? '0px' : s.letterSpacing;
      return canvas.measureText(text).width;
    };
    const inner = (el: HTMLElement) => {
      const s = getComputedStyle(el);
      return el.clientWidth - Number.parseFloat(s.paddingLeft) - Number.parseFloat(s.paddingRight);
    };

    // one-line fields: the words typed, or the placeholder of an empty one. Chromium keeps room for a search box's
    // clear button and cuts the rest at the edge, with no ellipsis, so the words are put in the field for a moment
    // (no input event: the screen does not see it) and the field's scroll width read
    for (const input of document.querySelectorAll<HTMLInputElement>('input')) {
      if (!/^(text|search|tel|email|url|password|number)$/.test(input.type)) continue;
      if (!input.checkVisibility() || visuallyHidden(input)) continue;
      const typed = input.value;
      const shown = typed || input.placeholder;
      if (!shown) continue;
      let need: number;
      let room: number;
      if (input.type === 'number') {
        // a number field takes no words: measure them, leaving room for its up-down buttons
        need = textWidth(shown, input);
        room = inner(input) - 16;
      } else {
        if (!typed) input.value = shown;
        need = input.scrollWidth;
        room = input.clientWidth;
        if (!typed) input.value = '';
      }
      if (need > room + 1)
        problems.push(
          `${typed ? 'value' : 'placeholder'} cut (${Math.round(need)}px in ${Math.round(room)}px): ${name(input)} "${words(shown)}"`,
        );
    }
    // the option a select shows (Chromium draws its arrow inside the right padding, at least 1.2em of it)
    for (const select of document.querySelectorAll<HTMLSelectElement>('select:not([multiple])')) {
      if (!select.checkVisibility() || visuallyHidden(select)) continue;
      const text = select.selectedOptions[0]?.textContent ?? '';
      const s = getComputedStyle(select);
      const arrow = Math.max(Number.parseFloat(s.paddingRight), 1.2 * Number.parseFloat(s.fontSize));
      const room = select.clientWidth - Number.parseFloat(s.paddingLeft) - arrow;
      const need = textWidth(text, select);
      if (need > room + 1)
        problems.push(`choice cut (${Math.round(need)}px in ${Math.round(room)}px): ${name(select)} "${words(text)}"`);
    }

    // words on the screen, one text node at a time
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const reported = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim()) continue;
      if (parent.closest('select, option, script, style, svg, noscript')) continue;
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0 || visuallyHidden(parent)) continue;
      const left = Math.min(...rects.map((r) => r.left));
      const right = Math.max(...rects.map((r) => r.right));
      const bottom = Math.max(...rects.map((r) => r.bottom));
      const top = Math.min(...rects.map((r) => r.top));
      // sticks out sideways of its element, or of the control or cell around it (into what is beside it); a box
      // that clips is the next check's
      let out: Element | null = null;
      for (let p: Element | null = parent; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX !== 'visible') break;
        const box = p.getBoundingClientRect();
        const inline = s.display === 'inline' || s.display === 'contents';
        if (!inline && (right > box.right + 1 || left < box.left - 1)) {
          out = p;
          break;
        }
        if (p.matches('button, a, label, th, td, li, dt, dd, p, h1, h2, h3, [role="option"]')) break;
      }
      if (out) {
        if (!reported.has(out)) {
          reported.add(out);
          problems.push(`text sticks out of its box: ${name(out)} "${words(node.textContent)}"`);
        }
        continue;
      }
      // hidden by a box that clips, or scrolled out of sight sideways
      for (let p: Element | null = parent; p && p !== document.documentElement; p = p.parentElement) {
        const s = getComputedStyle(p);
        const c = p.getBoundingClientRect();
        const clipsX = s.overflowX !== 'visible';
        const clipsY = s.overflowY === 'hidden' || s.overflowY === 'clip';
        const cutX = clipsX && (right > c.right + 1 || left < c.left - 1);
        const cutY = clipsY && bottom > c.bottom + 1 && p !== document.body;
        if (!cutX && !cutY) {
          // out of sight in a box that scrolls up and down is only scrolled away; what sits in the top layer or is
          // fixed to the window is not clipped by the boxes around it
          const scrolls = /auto|scroll/.test(s.overflowY) && (bottom > c.bottom + 1 || top < c.top - 1);
          if (scrolls || s.position === 'fixed' || p.matches(':modal')) break;
          continue;
        }
        // an ellipsis is allowed only where the element gives its whole words in a title (a long e-mail in a list)
        const titled = s.textOverflow === 'ellipsis' && p.getAttribute('title')?.trim() === p.textContent?.trim();
        if (!reported.has(p) && !titled) {
          reported.add(p);
          const how =
            s.overflowX === 'auto' || s.overflowX === 'scroll'
              ? 'scrolls sideways, words out of sight'
              : s.textOverflow === 'ellipsis'
                ? 'cut with an ellipsis'
                : 'cut by its box';
          problems.push(`${how}: ${name(p)} "${words(node.textContent)}"`);
        }
        break;
      }
    }
    return problems;
  });
}

/** Controls on the screen that lie over one another (neither inside the other), each pair named. */
export async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30)}"`;
    // the part of a control in sight: inside every box around it that clips or scrolls (a row scrolled under the
    // function keys is not over them)
    const shownPart = (e: Element) => {
      let { left, top, right, bottom } = e.getBoundingClientRect();
      for (let p = e.parentElement; p && p !== document.documentElement; p = p.parentElement) {
        if (getComputedStyle(p).position === 'fixed' || p.matches(':modal')) break;
        if (getComputedStyle(p).overflowX === 'visible') continue;
        const c = p.getBoundingClientRect();
        left = Math.max(left, c.left);
        top = Math.max(top, c.top);
        right = Math.min(right, c.right);
        bottom = Math.min(bottom, c.bottom);
      }
      return { left, top, right, bottom, width: right - left, height: bottom - top };
    };
    const boxes = [
      ...document.querySelectorAll<HTMLElement>(
        'button, select, textarea, a[href], input:not([type="hidden"], [type="checkbox"], [type="radio"]), [role="option"]',
      ),
    ]
      .filter((e) => e.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
      .map((e) => ({ e, r: shownPart(e) }))
      .filter(({ r }) => r.width > 1 && r.height > 1);
    const problems: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (!a || !b || a.e.contains(b.e) || b.e.contains(a.e)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) problems.push(`overlap: ${name(a.e)} ~ ${name(b.e)}`);
      }
    return problems;
  });
}
