import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

const file = (f: { fileName: string; mimeType: string; bytes: Buffer; rows: number }) => ({
  fileName: f.fileName,
  mimeType: f.mimeType,
  base64: f.bytes.toString('base64'),
  rows: f.rows,
});

export const debtHandlers = implement(contract.debts, {
  aging: (input, { services }) => services.debtReports.aging(input),
  agingOf: (input, { services }) => services.debtReports.agingOf(input),
  debtors: (input, { services }) => services.debtReports.debtors(input),
  export: async (input, { services, actor }) => file(await services.debtReports.export(actor, input)),
  statement: (input, { services }) => services.debtReports.statement(input),
  statementPdf: async (input, { services, actor }) => file(await services.debtReports.statementPdf(actor, input)),
  statementPrint: (input, { services, actor }) => services.debtReports.statementPrint(actor, input),
  statementsAll: async (input, { services, actor }) => file(await services.debtReports.statementsAll(actor, input)),
  reminder: (input, { services }) => services.debtReports.reminder(input.customerId),
  settings: (_, { services }) => services.debtReports.settings.get(),
  saveSettings: (input, { services, actor }) => services.debtReports.saveSettings(actor, input),
  alerts: (input, { services }) => services.debtReports.alertList(input.limit),
  alertsFor: (input, { services }) => services.debtReports.alertsFor(input.customerId),
  ackAlert: (input, { services, actor }) => {
    services.debtReports.alerts.ack(actor, input);
    return null;
  },
  dailySummary: (_, { services, actor }) => services.debtReports.dailySummary(actor.id),
});
