import { contract } from '../../../shared/contract';
import { implement } from '../../host/router';

export const catalogHandlers = implement(contract.catalog, {
  search: (input, { services }) => services.catalog.search(input),
  get: (input, { services }) => services.catalog.get(input.id),
  byBarcode: (input, { services }) => services.catalog.byBarcode(input.code),
  create: (input, { services, actor }) => services.catalog.create(actor, input),
  update: (input, { services, actor }) => services.catalog.update(actor, input),
  setActive: (input, { services, actor }) => services.catalog.setActive(actor, input.id, input.active),
  adjustStock: (input, { services, actor }) => services.catalog.adjustStock(actor, input),
  stockMoves: (input, { services }) => services.catalog.stockMoves(input.productId, input.limit),
  categories: (_, { services }) => services.catalog.categories(),
  saveCategory: (input, { services, actor }) => services.catalog.saveCategory(actor, input),
});
