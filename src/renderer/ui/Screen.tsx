import type { ReactNode } from 'react';

/**
 * A screen of the shell: a section named by its heading, which takes the cursor when the screen opens (the shell
 * focuses `h1[tabIndex=-1]` so a screen reader says where the person now is).
 */
export function Screen({ headingId, title, children }: { headingId: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className="section" aria-labelledby={headingId}>
      <h1 id={headingId} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
