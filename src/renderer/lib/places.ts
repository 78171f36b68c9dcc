import type { Language } from '../../shared/contract/system';
import type { CurrencyCode } from '../../shared/money';

export interface CountryInfo {
  code: string;
  name: string;
  currency: CurrencyCode;
  timeZone: string;
  language: Language;
  locale: string;
}

export const COUNTRIES: CountryInfo[] = [
  { code: 'UG', name: 'Uganda', currency: 'UGX', timeZone: 'Africa/Kampala', language: 'en', locale: 'en-UG' },
  { code: 'KE', name: 'Kenya', currency: 'KES', timeZone: 'Africa/Nairobi', language: 'en', locale: 'en-KE' },
  { code: 'TZ', name: 'Tanzania', currency: 'TZS', timeZone: 'Africa/Dar_es_Salaam', language: 'en', locale: 'en-TZ' },
  { code: 'RW', name: 'Rwanda', currency: 'RWF', timeZone: 'Africa/Kigali', language: 'en', locale: 'en-RW' },
  { code: 'NG', name: 'Nigeria', currency: 'NGN', timeZone: 'Africa/Lagos', language: 'en', locale: 'en-NG' },
  { code: 'ID', name: 'Indonesia', currency: 'IDR', timeZone: 'Asia/Jakarta', language: 'id', locale: 'id-ID' },
  { code: 'GB', name: 'United Kingdom', currency: 'GBP', timeZone: 'Europe/London', language: 'en', locale: 'en-GB' },
  { code: 'US', name: 'United States', currency: 'USD', timeZone: 'America/New_York', language: 'en', locale: 'en-US' },
  { code: 'IE', name: 'Ireland', currency: 'EUR', timeZone: 'Europe/Dublin', language: 'en', locale: 'en-IE' },
  { code: 'DE', name: 'Germany', currency: 'EUR', timeZone: 'Europe/Berlin', language: 'en', locale: 'de-DE' },
];

export const TIME_ZONES = [
  'Africa/Kampala',
  'Africa/Nairobi',
  'Africa/Dar_es_Salaam',
  'Africa/Kigali',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'UTC',
];
