import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const shiftHandlers = implement(contract.shifts, {
  current: (_input, { services, actor }) => services.shifts.current(actor),
  open: (input, { services, actor }) => services.shifts.open(actor, input),
  move: (input, { services, actor }) => services.shifts.move(actor, input),
  noSale: (input, { services, actor }) => services.shifts.noSale(actor, input),
  close: (input, { services, actor }) => services.shifts.close(actor, input),
  report: (input, { services, actor }) => services.shifts.reportOf(actor, input.id),
  print: (input, { services, actor }) => services.shifts.print(actor, input.id),
  pdf: async (input, { services, actor }) => {
    const f = await services.shifts.pdf(actor, input.id);
    return { fileName: f.fileName, mimeType: f.mimeType, base64: f.bytes.toString('base64'), rows: f.rows };
  },
  get: (input, { services, actor }) => services.shifts.get(input.id, actor),
  list: (input, { services }) => services.shifts.list(input),
  review: (input, { services, actor }) => services.shifts.review(actor, input),
  settings: (_input, { services }) => services.shifts.settings.get(),
  updateSettings: (input, { services, actor }) => services.shifts.settings.update(actor, input),
});
