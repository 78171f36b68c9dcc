import { type InputHTMLAttributes, useState } from 'react';
import { useT } from '../../i18n';
import { TextField } from '../../ui/fields';

/** A channel's "send test": where to, and the button that sends a test message there. */
export function TestSend({
  id,
  label,
  busy = false,
  onSend,
  ...input
}: {
  id: string;
  label: string;
  busy?: boolean;
  onSend: (to: string) => void;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode'>) {
  const t = useT();
  const [to, setTo] = useState('');
  return (
    <div className="inline-form">
      <TextField id={id} label={label} {...input} value={to} onChange={setTo} />
      <button type="button" className="btn" disabled={!to || busy} onClick={() => onSend(to)}>
        {t('msg.test.send')}
      </button>
    </div>
  );
}
