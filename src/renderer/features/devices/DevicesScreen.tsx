import { useState } from 'react';
import { useT } from '../../i18n';
import { PrintersPanel } from './PrintersPanel';
import { QueuePanel } from './QueuePanel';
import { ScannersPanel } from './ScannersPanel';
import './devices.css';

/** Printers (set up, test print, preview) and the print queue (retry, cancel, reprint). */
export function DevicesScreen() {
  const t = useT();
  const [preview, setPreview] = useState<{ svg: string; title: string } | null>(null);
  return (
    <section className="section devices" aria-labelledby="h-devices">
      <h1 id="h-devices" tabIndex={-1}>
        {t('dev.title')}
      </h1>
      <div className="devices-grid">
        <div className="devices-main">
          <PrintersPanel onPreview={setPreview} />
          <QueuePanel onPreview={setPreview} />
          <ScannersPanel />
        </div>
        <aside className="card receipt-preview" aria-label={t('dev.preview')}>
          <h2>{t('dev.preview')}</h2>
          {preview ? (
            <>
              <p className="muted">{preview.title}</p>
              <img
                className="receipt-paper"
                alt={preview.title}
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.svg)}`}
              />
            </>
          ) : null}
        </aside>
      </div>
    </section>
  );
}
