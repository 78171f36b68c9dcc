import { type InputHTMLAttributes, useState } from 'react';
import { useT } from '../../i18n';
import { TextField } from '../../ui/fields';

/**
 * The foot of a channel's settings form: its Save button, then "send test" (where to, and the button that sends a
 * test message there).
 */
export function SaveAndTest({
  save,
  id,
  label,
  busy = false,
  onSend,
  ...input
}: {
  /** the Save button's label */
  save: string;
  /** the test address field's id and label */
  id: string;
  label: string;
  busy?: boolean;
  onSend: (to: string) => void;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode'>) {
  const t = useT();
  const [to, setTo] = useState('');
  return (
    <>
      <div className="row-actions">
        <button type="submit" className="btn btn-primary">
          {save}
        </button>
      </div>
      <div className="inline-form">
        <TextField id={id} label={label} {...input} value={to} onChange={setTo} />
        <button type="button" className="btn" disabled={!to || busy} onClick={() => onSend(to)}>
          {t('msg.test.send')}
        </button>
      </div>
    </>
  );
}
