import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const deviceHandlers = implement(contract.devices, {
  printers: (_, { services }) => services.devices.printers(),
  savePrinter: (input, { services, actor }) => services.devices.savePrinter(actor, input),
  removePrinter: (input, { services, actor }) => services.devices.removePrinter(actor, input.id),
  testPrinter: (input, { services }) => services.devices.testPrinter(input.id),
  queue: (input, { services }) => services.devices.jobs(input),
  retryJob: (input, { services, actor }) => services.devices.retryJob(actor, input.id),
  cancelJob: (input, { services, actor }) => services.devices.cancelJob(actor, input.id),
  reprint: (input, { services, actor }) =>
    services.devices.reprint(actor, input.salesOrderId, services.sales.orders.get({ id: input.salesOrderId })),
  previewJob: (input, { services }) => services.devices.previewJob(input.id),
  invoicePdf: (input, { services }) =>
    services.devices.invoicePdf(services.sales.orders.get({ id: input.salesOrderId })),
  printInvoice: (input, { services }) =>
    services.devices.printInvoice(services.sales.orders.get({ id: input.salesOrderId })),
  previewTest: (input, { services }) => services.devices.previewTest(input.id),
  scanners: (_, { services }) => services.devices.scanners.states(),
  saveScanner: (input, { services, actor }) => services.devices.scanners.save(actor, input),
  removeScanner: (input, { services, actor }) => services.devices.scanners.remove(actor, input.id),
});
