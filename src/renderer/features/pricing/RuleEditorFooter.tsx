import { useT } from '../../i18n';

/** The foot of a pricing editor: what stops the save (if anything), then Save and Close. */
export function RuleEditorFooter({
  problems,
  busy,
  saveLabel,
  onClose,
}: {
  problems: string[];
  busy: boolean;
  saveLabel: string;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <>
      {problems.length > 0 && (
        <ul className="inline-alert" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="row-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {saveLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </>
  );
}
