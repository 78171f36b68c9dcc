import { useMemo, useState } from 'react';
import { PinField, SelectField } from '../../ui/fields';
import { useApiQuery } from '../../ui/query';
import { rowOptions } from '../../ui/SelectFields';

/**
 * A manager's approval of what a cashier may not do alone: who approves (a manager or the owner on the till's roster,
 * the first of them unless another is chosen) and their PIN. With `enabled` false the roster is not read (yet).
 */
export function useApproval(enabled = true) {
  const roster = useApiQuery('staff', 'roster', null, { enabled }).data;
  const approvers = useMemo(() => (roster ?? []).filter((r) => r.role !== 'cashier'), [roster]);
  const [chosen, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const staffId = chosen || (approvers[0]?.id ?? '');
  return { approvers, staffId, setStaffId, pin, setPin };
}

/** An approval's two fields, `<idPrefix>-who` (who approves) and `<idPrefix>-pin` (their PIN). */
export function ApproverFields({
  idPrefix,
  labels: [whoLabel, pinLabel],
  approval,
  autoFocus,
}: {
  idPrefix: string;
  /** the select's label, then the PIN field's */
  labels: readonly [string, string];
  approval: ReturnType<typeof useApproval>;
  /** the cursor starts in the PIN field */
  autoFocus?: boolean;
}) {
  return (
    <>
      <SelectField
        id={`${idPrefix}-who`}
        label={whoLabel}
        value={approval.staffId}
        onChange={approval.setStaffId}
        options={rowOptions(approval.approvers)}
      />
      <PinField
        id={`${idPrefix}-pin`}
        label={pinLabel}
        value={approval.pin}
        onChange={approval.setPin}
        autoFocus={autoFocus}
      />
    </>
  );
}
