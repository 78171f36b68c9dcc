import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const pricingHandlers = implement(contract.pricing, {
  lists: (_, { services }) => services.pricing.lists(),
  getList: (input, { services }) => services.pricing.getList(input.id),
  createList: (input, { services, actor }) => services.pricing.createList(actor, input),
  updateList: (input, { services, actor }) => services.pricing.updateList(actor, input.id, input.list),
  deleteList: (input, { services, actor }) => services.pricing.deleteList(actor, input.id),
  assignToCategory: (input, { services, actor }) =>
    services.pricing.assignToCategory(actor, input.categoryId, input.priceListId),
  assignToCustomer: (input, { services, actor }) =>
    services.pricing.assignToCustomer(actor, input.customerId, input.priceListId),
  offers: (_, { services }) => services.pricing.offers(),
  createOffer: (input, { services, actor }) => services.pricing.createOffer(actor, input),
  updateOffer: (input, { services, actor }) => services.pricing.updateOffer(actor, input.id, input.offer),
  deleteOffer: (input, { services, actor }) => services.pricing.deleteOffer(actor, input.id),
});
