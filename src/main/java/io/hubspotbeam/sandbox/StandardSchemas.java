package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.ValueShape.*;

import java.util.List;

/**
 * The HubSpot-defined properties of each standard object: the names, types and field types a
 * real portal has (a representative subset), in schema order.
 */
final class StandardSchemas {
  private StandardSchemas() {}

  private static final String[] LIFECYCLE = {"subscriber", "lead", "marketingqualifiedlead",
      "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"};
  private static final String[] ENGAGEMENT_STATUS = {"COMPLETED", "SCHEDULED", "CANCELED"};

  static List<PropertySpec> of(PortalObject object) {
    SchemaDraft d = new SchemaDraft(true);
    switch (object) {
      case CONTACTS -> d
          .text("firstname", "First Name", "contactinformation", FIRST_NAME, 0.95)
          .text("lastname", "Last Name", "contactinformation", LAST_NAME, 0.95)
          .code("email", "Email", "contactinformation", EMAIL, 0.92)
          .phone("phone", "Phone Number", "contactinformation", 0.7)
          .phone("mobilephone", "Mobile Phone Number", "contactinformation", 0.4)
          .text("company", "Company Name", "contactinformation", COMPANY_NAME, 0.8)
          .text("jobtitle", "Job Title", "contactinformation", JOB_TITLE, 0.7)
          .code("website", "Website URL", "contactinformation", WEBSITE, 0.5)
          .text("address", "Street Address", "contactinformation", STREET, 0.6)
          .text("city", "City", "contactinformation", CITY, 0.75)
          .text("state", "State/Region", "contactinformation", STATE, 0.6)
          .code("zip", "Postal Code", "contactinformation", ZIP, 0.6)
          .text("country", "Country/Region", "contactinformation", COUNTRY, 0.75)
          .select("lifecyclestage", "Lifecycle Stage", "contactinformation", 0.9, LIFECYCLE)
          .select("hs_lead_status", "Lead Status", "sales_properties", 0.6, "NEW", "OPEN",
              "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED",
              "BAD_TIMING")
          .checkbox("hs_buying_role", "Buying Role", "sales_properties", 0.3, "BUDGET_HOLDER",
              "CHAMPION", "DECISION_MAKER", "END_USER", "EXECUTIVE_SPONSOR", "INFLUENCER")
          .select("hs_language", "Preferred language", "contactinformation", 0.4, "en", "de",
              "fr", "es", "ja", "ar", "he", "zh-cn")
          .date("date_of_birth", "Date of birth", "contactinformation", 0.2)
          .bool("hs_email_optout", "Unsubscribed from all email", "emailinformation", 0.5)
          .textarea("message", "Message", "contactinformation", PARAGRAPH, 0.3)
          .datetime("notes_last_updated", "Last Activity Date", "sales_properties", DATETIME,
              0.6)
          .calculatedNumber("num_associated_deals", "Number of Associated Deals",
              "deal_information", COUNT, 0.8)
          .owner("sales_properties", 0.7);
      case COMPANIES -> d
          .text("name", "Company name", "companyinformation", COMPANY_NAME, 0.97)
          .code("domain", "Company Domain Name", "companyinformation", DOMAIN, 0.85)
          .code("website", "Website URL", "companyinformation", WEBSITE, 0.6)
          .select("industry", "Industry", "companyinformation", 0.7, "COMPUTER_SOFTWARE",
              "FINANCIAL_SERVICES", "HOSPITAL_HEALTH_CARE", "RETAIL", "MARKETING_AND_ADVERTISING",
              "CONSTRUCTION", "EDUCATION_MANAGEMENT", "LOGISTICS_AND_SUPPLY_CHAIN")
          .number("annualrevenue", "Annual Revenue", "companyinformation", REVENUE, 0.6)
          .number("numberofemployees", "Number of Employees", "companyinformation", EMPLOYEES,
              0.7)
          .phone("phone", "Phone Number", "companyinformation", 0.6)
          .text("address", "Street Address", "companyinformation", STREET, 0.6)
          .text("city", "City", "companyinformation", CITY, 0.8)
          .text("state", "State/Region", "companyinformation", STATE, 0.6)
          .code("zip", "Postal Code", "companyinformation", ZIP, 0.6)
          .text("country", "Country/Region", "companyinformation", COUNTRY, 0.8)
          .textarea("description", "Description", "companyinformation", PARAGRAPH, 0.5)
          .select("type", "Type", "companyinformation", 0.6, "PROSPECT", "PARTNER", "RESELLER",
              "VENDOR", "OTHER")
          .select("lifecyclestage", "Lifecycle Stage", "companyinformation", 0.8, LIFECYCLE)
          .number("founded_year", "Year Founded", "companyinformation", YEAR, 0.4)
          .bool("is_public", "Is Public", "companyinformation", 0.5)
          .datetime("notes_last_updated", "Last Activity Date", "companyinformation", DATETIME,
              0.6)
          .calculatedNumber("num_associated_contacts", "Number of Associated Contacts",
              "companyinformation", COUNT, 0.9)
          .calculatedNumber("num_associated_deals", "Number of Associated Deals",
              "companyinformation", COUNT, 0.8)
          .owner("companyinformation", 0.7);
      case DEALS -> d
          .text("dealname", "Deal Name", "dealinformation", SUBJECT, 0.98)
          .number("amount", "Amount", "dealinformation", MONEY, 0.8)
          .select("dealstage", "Deal Stage", "dealinformation", 0.98, "appointmentscheduled",
              "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent",
              "closedwon", "closedlost")
          .select("pipeline", "Pipeline", "dealinformation", 0.98, "default", "renewals")
          .datetime("closedate", "Close Date", "dealinformation", DATETIME, 0.7)
          .select("dealtype", "Deal Type", "dealinformation", 0.6, "newbusiness",
              "existingbusiness")
          .textarea("description", "Deal Description", "dealinformation", PARAGRAPH, 0.4)
          .select("hs_priority", "Priority", "dealinformation", 0.5, "low", "medium", "high")
          .calculatedNumber("hs_deal_stage_probability", "Deal probability", "dealinformation",
              PERCENT, 0.9)
          .bool("hs_is_closed_won", "Is Closed Won", "dealinformation", 0.95)
          .calculatedNumber("num_associated_contacts", "Number of Associated Contacts",
              "dealinformation", COUNT, 0.9)
          .owner("dealinformation", 0.8);
      case TICKETS -> d
          .text("subject", "Ticket name", "ticketinformation", SUBJECT, 0.98)
          .textarea("content", "Ticket description", "ticketinformation", PARAGRAPH, 0.8)
          .select("hs_pipeline", "Pipeline", "ticketinformation", 0.99, "0")
          .select("hs_pipeline_stage", "Ticket status", "ticketinformation", 0.99, "1", "2", "3",
              "4")
          .select("hs_ticket_priority", "Priority", "ticketinformation", 0.7, "LOW", "MEDIUM",
              "HIGH", "URGENT")
          .select("hs_ticket_category", "Category", "ticketinformation", 0.6, "PRODUCT_ISSUE",
              "BILLING_ISSUE", "FEATURE_REQUEST", "GENERAL_INQUIRY")
          .select("source_type", "Source", "ticketinformation", 0.8, "EMAIL", "CHAT", "PHONE",
              "FORM")
          .datetime("closed_date", "Close date", "ticketinformation", DATETIME, 0.5)
          .calculatedNumber("time_to_close", "Time to close", "ticketinformation",
              DURATION_MILLIS, 0.5)
          .owner("ticketinformation", 0.7);
      case PRODUCTS -> d
          .text("name", "Name", "productinformation", PRODUCT_NAME, 0.99)
          .number("price", "Unit price", "productinformation", MONEY, 0.95)
          .code("hs_sku", "SKU", "productinformation", SKU, 0.9)
          .textarea("description", "Description", "productinformation", PARAGRAPH, 0.7)
          .number("hs_cost_of_goods_sold", "Unit cost", "productinformation", MONEY, 0.5)
          .code("hs_recurring_billing_period", "Term", "productinformation", BILLING_PERIOD, 0.4)
          .select("hs_product_type", "Product Type", "productinformation", 0.8, "inventory",
              "non_inventory", "service");
      case LINE_ITEMS -> d
          .text("name", "Name", "lineiteminformation", PRODUCT_NAME, 0.99)
          .number("quantity", "Quantity", "lineiteminformation", QUANTITY, 0.98)
          .number("price", "Unit price", "lineiteminformation", MONEY, 0.98)
          .calculatedNumber("amount", "Net price", "lineiteminformation", MONEY, 0.98)
          .number("hs_product_id", "Product ID", "lineiteminformation", PRODUCT_ID, 0.9)
          .code("hs_sku", "SKU", "lineiteminformation", SKU, 0.7)
          .number("hs_discount_percentage", "Discount Percentage", "lineiteminformation",
              PERCENT, 0.3)
          .textarea("description", "Description", "lineiteminformation", SENTENCE, 0.4)
          .select("recurringbillingfrequency", "Billing frequency", "lineiteminformation", 0.4,
              "monthly", "quarterly", "annually");
      case QUOTES -> d
          .text("hs_title", "Quote Name", "quoteinformation", SUBJECT, 0.99)
          .date("hs_expiration_date", "Expiration date", "quoteinformation", 0.95)
          .select("hs_status", "Quote approval status", "quoteinformation", 0.98, "DRAFT",
              "APPROVAL_NOT_NEEDED", "PENDING_APPROVAL", "APPROVED", "REJECTED")
          .number("hs_quote_amount", "Quote Amount", "quoteinformation", MONEY, 0.9)
          .select("hs_currency", "Currency", "quoteinformation", 0.9, "USD", "EUR", "GBP", "JPY")
          .text("hs_sender_firstname", "Sender first name", "quoteinformation", FIRST_NAME, 0.8)
          .code("hs_sender_email", "Sender email", "quoteinformation", EMAIL, 0.8)
          .textarea("hs_terms", "Terms", "quoteinformation", PARAGRAPH, 0.6)
          .owner("quoteinformation", 0.7);
      case FEEDBACK_SUBMISSIONS -> d
          .text("hs_survey_name", "Survey name", "feedbacksubmissioninformation", SUBJECT, 0.99)
          .select("hs_survey_type", "Survey type", "feedbacksubmissioninformation", 0.99, "NPS",
              "CSAT", "CES", "CUSTOM")
          .textarea("hs_content", "Response", "feedbacksubmissioninformation", PARAGRAPH, 0.7)
          .number("hs_value", "Rating", "feedbacksubmissioninformation", SCORE, 0.95)
          .select("hs_sentiment", "Sentiment", "feedbacksubmissioninformation", 0.9,
              "Promoter", "Passive", "Detractor")
          .select("hs_survey_channel", "Survey channel", "feedbacksubmissioninformation", 0.9,
              "EMAIL", "WEB", "KNOWLEDGE_BASE")
          .datetime("hs_submission_timestamp", "Submitted at", "feedbacksubmissioninformation",
              DATETIME, 0.95);
      case CALLS -> engagement(d, "call")
          .text("hs_call_title", "Call Title", "call", SUBJECT, 0.9)
          .textarea("hs_call_body", "Call notes", "call", PARAGRAPH, 0.8)
          .select("hs_call_direction", "Call direction", "call", 0.9, "INBOUND", "OUTBOUND")
          .select("hs_call_status", "Call status", "call", 0.95, "COMPLETED", "BUSY",
              "NO_ANSWER", "FAILED", "CANCELED")
          .number("hs_call_duration", "Call duration", "call", DURATION_MILLIS, 0.85)
          .phone("hs_call_from_number", "From number", "call", 0.7)
          .phone("hs_call_to_number", "To number", "call", 0.7);
      case EMAILS -> engagement(d, "email")
          .text("hs_email_subject", "Email subject", "email", SUBJECT, 0.95)
          .textarea("hs_email_text", "Email body", "email", PARAGRAPH, 0.9)
          .select("hs_email_direction", "Email direction", "email", 0.95, "EMAIL",
              "INCOMING_EMAIL", "FORWARDED_EMAIL")
          .select("hs_email_status", "Email send status", "email", 0.9, "BOUNCED", "FAILED",
              "SCHEDULED", "SENDING", "SENT")
          .code("hs_email_sender_email", "Sender email", "email", EMAIL, 0.9)
          .code("hs_email_to_email", "Recipient email", "email", EMAIL, 0.9);
      case MEETINGS -> engagement(d, "meeting")
          .text("hs_meeting_title", "Meeting name", "meeting", SUBJECT, 0.95)
          .textarea("hs_meeting_body", "Meeting description", "meeting", PARAGRAPH, 0.7)
          .datetime("hs_meeting_start_time", "Start time", "meeting", DATETIME, 0.95)
          .datetime("hs_meeting_end_time", "End time", "meeting", DATETIME, 0.95)
          .text("hs_meeting_location", "Location", "meeting", CITY, 0.5)
          .select("hs_meeting_outcome", "Meeting outcome", "meeting", 0.8, "SCHEDULED",
              "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED")
          .textarea("hs_internal_meeting_notes", "Internal notes", "meeting", SENTENCE, 0.4);
      case NOTES -> engagement(d, "note")
          .textarea("hs_note_body", "Note body", "note", PARAGRAPH, 0.95)
          .code("hs_attachment_ids", "Attachment IDs", "note", ID_LIST, 0.2);
      case TASKS -> engagement(d, "task")
          .text("hs_task_subject", "Task Title", "task", SUBJECT, 0.97)
          .textarea("hs_task_body", "Task notes", "task", PARAGRAPH, 0.6)
          .select("hs_task_status", "Task status", "task", 0.98, "NOT_STARTED", "IN_PROGRESS",
              "WAITING", "COMPLETED", "DEFERRED")
          .select("hs_task_priority", "Priority", "task", 0.8, "NONE", "LOW", "MEDIUM", "HIGH")
          .select("hs_task_type", "Task type", "task", 0.9, "CALL", "EMAIL", "TODO");
      default -> throw new IllegalStateException("no schema for " + object);
    }
    String group = d.specs().get(0).definition().groupName();
    d.number("hs_object_id", "Record ID", group, OBJECT_ID, 1.0)
        .datetime("createdate", "Create Date", group, CREATED, 1.0)
        .datetime(object.modificationProperty(), "Last Modified Date", group, MODIFIED, 1.0);
    return d.specs();
  }

  private static SchemaDraft engagement(SchemaDraft d, String group) {
    return d.datetime("hs_timestamp", "Activity date", group, DATETIME, 0.99)
        .select("hs_activity_status", "Activity status", group, 0.5, ENGAGEMENT_STATUS)
        .owner(group, 0.8);
  }
}
