import { useCallback, useEffect, useState } from 'react';
import type { ProductCategory } from '../../../shared/contract/catalog';
import type { Category } from '../../../shared/contract/customers';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';

/** A price list or an offer, as far as the list screens need to know it. */
export interface PricingRule {
  id: string;
  name: string;
  active: boolean;
}

/**
 * Where one kind of rule comes from and goes to. Pass a module-level constant: the list reloads whenever it changes.
 * The message keys take the rule's name as {name}.
 */
export interface RulesSource<R extends PricingRule> {
  fetch: () => Promise<R[]>;
  remove: (id: string) => Promise<unknown>;
  confirmDelete: MessageKey;
  deleted: MessageKey;
}

/** What a rule's editor is given besides the rule itself (null for a new one). */
export interface RuleEditorContext<R extends PricingRule> {
  customerCategories: Category[];
  productCategories: ProductCategory[];
  onSaved: (r: R) => void;
  onClose: () => void;
}

/**
 * One pricing list screen's state: its rules with the customer and product categories the rows and the editor name,
 * deleting one after a confirm, and which rule (if any) is open in the editor.
 */
export function useRulesList<R extends PricingRule>(source: RulesSource<R>) {
  const t = useT();
  const { onError } = useShell();
  const toast = useToast();
  const [rules, setRules] = useState<R[] | null>(null);
  const [editing, setEditing] = useState<R | 'new' | null>(null);
  const [customerCategories, setCustomerCategories] = useState<Category[]>([]);
  const [productCategories, setProductCategories] = useState<ProductCategory[]>([]);

  // the categories are read again with the rules: the editor may have been where a manager noticed one missing
  const load = useCallback(() => {
    source.fetch().then(setRules).catch(onError);
    api.customers.categories(null).then(setCustomerCategories).catch(onError);
    api.catalog.categories(null).then(setProductCategories).catch(onError);
  }, [source, onError]);
  useEffect(load, [load]);

  const remove = async (r: R) => {
    if (!window.confirm(t(source.confirmDelete, { name: r.name }))) return;
    try {
      await source.remove(r.id);
      toast.success(t(source.deleted, { name: r.name }));
      load();
    } catch (e) {
      onError(e);
    }
  };

  /** The open editor's rule and props, keyed so that a saved new rule gets a fresh editor of its own. */
  const editor = editing && {
    key: editing === 'new' ? 'new' : editing.id,
    rule: editing === 'new' ? null : editing,
    context: {
      customerCategories,
      productCategories,
      onSaved: (r: R) => {
        setEditing(r);
        load();
      },
      onClose: () => {
        setEditing(null);
        load();
      },
    } satisfies RuleEditorContext<R>,
  };

  return { rules, customerCategories, productCategories, remove, edit: setEditing, editor };
}
