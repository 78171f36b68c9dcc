import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const pricingHandlers = implement(contract.pricing, {
  lists: (_, { services }) => services.pricing.lists(),
  getList: (input, { services }) => services.pricing.getList(input.id),
  listItems: (input, { services }) => services.pricing.listItems(input.id),
  createList: (input, { services, actor }) => services.pricing.createList(actor, input),
  updateList: (input, { services, actor }) => services.pricing.updateList(actor, input.id, input.list),
  deleteList: (input, { services, actor }) => services.pricing.deleteList(actor, input.id),
  assignToCategory: (input, { services, actor }) =>
    services.pricing.assignToCategory(actor, input.categoryId, input.priceListId),
  assignToCustomer: (input, { services, actor }) =>
    services.pricing.assignToCustomer(actor, input.customerId, input.priceListId),
  customerPriceList: (input, { services }) => services.pricing.customerPriceList(input.customerId),
  offers: (_, { services }) => services.pricing.offers(),
  createOffer: (input, { services, actor }) => services.pricing.createOffer(actor, input),
  updateOffer: (input, { services, actor }) => services.pricing.updateOffer(actor, input.id, input.offer),
  deleteOffer: (input, { services, actor }) => services.pricing.deleteOffer(actor, input.id),
  importUpload: (input, { services }) =>
    services.pricing.transfer.uploads.put(input.fileName, new Uint8Array(Buffer.from(input.base64, 'base64'))),
  importPreview: ({ uploadId, ...choice }, { services }) => services.pricing.transfer.preview(uploadId, choice),
  importRun: ({ uploadId, priceListId, mode, dryRun, ...choice }, { services, actor }) =>
    services.pricing.transfer.run(actor, uploadId, {
      priceListId,
      mode,
      dryRun,
      choice,
      locale: services.settings.store().locale,
    }),
  importReportExport: (input, { services }) => services.pricing.transfer.uploads.reportCsv(input.uploadId),
  exportList: (input, { services }) => services.pricing.transfer.export(input.id, input.format),
});
