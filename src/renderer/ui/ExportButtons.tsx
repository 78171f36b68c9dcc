import { type MessageKey, useT } from '../i18n';
import { downloadBase64 } from '../lib/download';
import { useShell } from '../lib/session';

export type FetchFile = (
  format: 'xlsx' | 'csv' | 'pdf',
) => Promise<{ fileName: string; mimeType: string; base64: string }>;

/** Excel / CSV / PDF buttons that fetch a file from the main process and hand it to the browser. */
export function ExportButtons({ fetchFile, label }: { fetchFile: FetchFile; label: string }) {
  const t = useT();
  const { onError } = useShell();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons, not a form fieldset
    <div className="debt-export" role="group" aria-label={label}>
      <span className="muted">{t('debt.export')}</span>
      {(['xlsx', 'csv', 'pdf'] as const).map((f) => (
        <button
          key={f}
          type="button"
          className="btn btn-sm"
          onClick={() =>
            fetchFile(f)
              .then((file) => downloadBase64(file.fileName, file.mimeType, file.base64))
              .catch(onError)
          }
        >
          {t(`debt.export.${f}` as MessageKey)}
        </button>
      ))}
    </div>
  );
}
