import * as XLSX from 'xlsx';

/** Customer files as shops have them, made in the test (see ../shared/fixtures for real-world-shaped ones). */

/** A workbook as a shop has it: instructions on the first sheet, the customers on the second under a title. */
export function registerWorkbook(): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['How to use this register'],
      ['Write one customer per row on the Customers sheet. Name and phone are needed.'],
      ['Name the customer as they like to be called; phone with the country code.'],
    ]),
    'Instructions',
  );
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['Customers of Kampala Corner Shop, 2021'],
      [],
      ['Name', 'Phone', 'Email', 'Favourite item', 'City'],
      ['Alice Akello', "'+256772123456", 'alice@example.com', 'tea', 'Kampala'],
      ['Brian Okot', '0772000222', '', 'sugar', 'Gulu'],
      ['Carol Auma', '', 'carol@example.com', '', ''],
    ]),
    'Customers',
  );
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

export const csv = (...lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

export const ECOMMERCE_HEADER =
  'First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags';

/** A web shop's customer export: the 19 columns, consents in mixed yes/no words, tags, apostrophe-kept phones. */
export const ecommerceCsv = () =>
  csv(
    ECOMMERCE_HEADER,
    'Alice,Akello,alice@example.com,yes,Akello Traders,Plot 4 Kampala Rd,Suite 2,Kampala,C,UG,256,,\'+256772123456,no,"150,000.00",3,Likes tea,no,"VIP, wholesale"',
    "Brian,Okot,brian@example.com,FALSE,,12 Gulu Ave,,Gulu,N,UG,,'+256772000222,,TRUE,0.00,0,,no,",
    'Carol,Auma,CAROL@example.com,No,,,,,,,,,0772000333,Yes,10.00,1,,yes,late payer',
    // the same email as Alice, in other letters: a duplicate within the file
    'Alice,Again,ALICE@EXAMPLE.COM,yes,,,,,,,,,,no,0,0,,no,',
  );
