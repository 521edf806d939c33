package io.hubspotbeam.sandbox;

/** What kind of value a property holds, beyond its HubSpot type: a name, a price, a phone... */
enum ValueShape {
  // text
  FIRST_NAME, LAST_NAME, EMAIL, PHONE, COMPANY_NAME, JOB_TITLE, DOMAIN, WEBSITE, STREET, CITY,
  STATE, ZIP, COUNTRY, WORD, SENTENCE, PARAGRAPH, SUBJECT, PRODUCT_NAME, SKU, BILLING_PERIOD,
  URL, ID_LIST,
  /** A product license key, unique per record ("LK-7Q2M-0XKD"): derived from the record id. */
  LICENSE_KEY,
  // numbers
  COUNT, EMPLOYEES, MONEY, REVENUE, QUANTITY, PERCENT, SCORE, DURATION_MILLIS, YEAR, PRODUCT_ID,
  // times
  DATE, DATETIME, CREATED, MODIFIED,
  // the rest
  OBJECT_ID, OPTION, OPTIONS, BOOL
}
