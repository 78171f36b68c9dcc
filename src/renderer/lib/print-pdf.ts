import { api } from './api';

function blobUrl(mimeType: string, base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mimeType }));
}

/**
 * Prints a sale's A4 invoice: Electron shows the system print dialog (main does it); in the browser host the PDF
 * opens in a new tab, where the browser's own print is one click away.
 */
export async function printInvoice(salesOrderId: string): Promise<void> {
  // the tab is opened during the click (a tab opened after an await is taken for a pop-up and blocked)
  const tab = window.counterline ? null : window.open('', '_blank');
  try {
    const { dialog } = await api.devices.printInvoice({ salesOrderId });
    if (dialog) {
      tab?.close();
      return;
    }
    const f = await api.devices.invoicePdf({ salesOrderId });
    const url = blobUrl(f.mimeType, f.base64);
    if (tab) tab.location.href = url;
    else window.open(url, '_blank');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    tab?.close();
    throw e;
  }
}
