import type { ComponentProps, ReactNode } from 'react';
import { TextField } from '../../ui/fields';
import { PayAmount } from './PayAmount';
import { PayMethods } from './PayMethods';

/** The reference a payment method carries (a mobile-money or card reference), when the chosen method has one. */
export type PayReference = {
  id: string;
  label: string;
  required?: boolean;
  value: string;
  onChange: (v: string) => void;
};

/**
 * How a payment is given in a payment dialog (a sale, a debt payment): the method buttons, then the amount (with the
 * touch keypad) beside the method's reference, if it has one, and any further fields (`children`, e.g. a note).
 */
export function PayEntry<M extends string>({
  methods,
  amount,
  reference,
  busy,
  children,
}: {
  methods: Omit<ComponentProps<typeof PayMethods<M>>, 'busy'>;
  amount: Omit<ComponentProps<typeof PayAmount>, 'busy'>;
  reference: PayReference | null;
  busy: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <PayMethods {...methods} busy={busy} />
      <div className="grid-2 pay-entry">
        <PayAmount {...amount} busy={busy} />
        {reference && <TextField autoComplete="off" {...reference} />}
        {children}
      </div>
    </>
  );
}
