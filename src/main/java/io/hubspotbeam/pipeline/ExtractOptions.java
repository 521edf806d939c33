package io.hubspotbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The command-line options of an extraction, in Beam's {@code --name=value} style.
 *
 * <p>There is deliberately no option that takes the access token itself: Beam prints option
 * values in logs and Flink shows them in its web UI. The token is read from an environment
 * variable or a file that an option names.
 */
public interface ExtractOptions extends PipelineOptions {
  String DEFAULT_OBJECTS =
      "deals,companies,contacts,feedback_submissions,line_items,products,tickets,quotes,calls,"
          + "emails,meetings,notes,tasks";

  @Description("Comma-separated CRM object types to extract: standard names such as contacts,"
      + " and custom objects by name (cars), object type id (2-1234) or fully qualified name"
      + " (p1234_cars, p_cars), looked up in the portal's schemas. Default: the 13 standard"
      + " objects.")
  @Default.String(DEFAULT_OBJECTS)
  String getObjectList();

  void setObjectList(String value);

  @Description("Records per object: a positive number N (the N records with the lowest ids) or"
      + " 'all'.")
  @Default.String("500")
  String getCount();

  void setCount(String value);

  @Description("Directory to write {object}.csv into; created if missing.")
  @Default.String("output")
  String getOutput();

  void setOutput(String value);

  @Description("HubSpot API base URL. http:// is accepted only for loopback addresses.")
  @Default.String("https://api.hubapi.com")
  String getBaseUrl();

  void setBaseUrl(String value);

  @Description("Name of the environment variable that holds the access token.")
  @Default.String("HUBSPOT_ACCESS_TOKEN")
  String getTokenEnv();

  void setTokenEnv(String value);

  @Description("File that holds the access token; takes precedence over --tokenEnv.")
  String getTokenFile();

  void setTokenFile(String value);

  @Description("Columns per object, e.g. 'deals:dealname,amount;contacts:email,firstname'. Objects"
      + " not named get every property, sorted by name.")
  String getColumns();

  void setColumns(String value);

  @Description("Extract from an in-process sandbox portal (synthetic data, no HubSpot account or"
      + " token needed) instead of --baseUrl.")
  @Default.Boolean(false)
  boolean getSandbox();

  void setSandbox(boolean value);

  @Description("The portal's rate limit in requests per 10 seconds (HubSpot: 100 Free/Starter, 190"
      + " Professional/Enterprise, 250 with the API add-on). 0 learns it from HubSpot's"
      + " X-HubSpot-RateLimit-Max header, starting at 100.")
  @Default.Integer(0)
  int getRequestsPerTenSeconds();

  void setRequestsPerTenSeconds(int value);

  @Description("Longest URL sent to HubSpot; list calls whose property list would be longer read"
      + " properties through batch reads instead (HubSpot answers 414 from about 8,000).")
  @Default.Integer(6000)
  int getMaxUrlLength();

  void setMaxUrlLength(int value);

  @Description("Seconds to wait for HubSpot's answer to one request before giving it up and"
      + " retrying (1 to 600). A silent proxy or a stalled connection costs this long once.")
  @Default.Integer(60)
  int getReadTimeoutSeconds();

  void setReadTimeoutSeconds(int value);

  @Description("Association tables to write for every extracted record, as FROM:TO pairs, e.g."
      + " 'deals:companies,deals:contacts' writes deals_companies.csv and deals_contacts.csv"
      + " (columns fromId,toId,associationTypeId,category,label). FROM must be in --objectList.")
  String getAssociations();

  void setAssociations(String value);

  @Description("Joined tables to write, as FROM:TO pairs, e.g. 'deals:companies' writes"
      + " deals_companies_joined.csv: one row per associated pair with both records' columns,"
      + " plus every FROM record without an association (a left join). FROM must be in"
      + " --objectList; TO records the run does not extract are fetched by id.")
  String getJoin();

  void setJoin(String value);

  @Description("Record ids of --objectType whose associations with --toObjectType are written to"
      + " {objectType}_{toObjectType}.csv, e.g. '101,102'. Without an explicit --objectList,"
      + " only that table is written.")
  String getAssociationIdList();

  void setAssociationIdList(String value);

  @Description("With --associationIdList: the object type the ids belong to.")
  String getObjectType();

  void setObjectType(String value);

  @Description("With --associationIdList: the object type of the associated records.")
  String getToObjectType();

  void setToObjectType(String value);

  @Description("HubSpot API path family: 2026-03 (/crm/objects/2026-03/..., the default: the"
      + " v4 association paths end on 30 March 2027 and v3 in September 2027) or v3"
      + " (/crm/v3/objects/... with /crm/v4/associations/...).")
  @Default.String("2026-03")
  String getApiVersion();

  void setApiVersion(String value);

  @Description("A ready-made extraction: the options in pipelines/NAME.args (or a built-in"
      + " definition of that name, or a file path), which options given here override.")
  String getPipeline();

  void setPipeline(String value);

  @Description("The share of the portal's rate limits each worker JVM uses, in (0, 1]. 0 (the"
      + " default) decides from the runner: the whole budget on the DirectRunner and embedded"
      + " Flink, 1/N on a Flink cluster with N TaskManagers (asked from its REST API).")
  @Default.Double(0)
  double getBudgetShare();

  void setBudgetShare(double value);

  @Description("Defuse spreadsheet formulas: cells starting with = + - @ (or a tab or carriage"
      + " return) get a leading apostrophe, so Excel or Sheets show them as text instead of"
      + " running them. Off by default because it changes data (-5 becomes '-5).")
  @Default.Boolean(false)
  boolean getEscapeFormulas();

  void setEscapeFormulas(boolean value);

  @Description("Only check, then stop: whether the token works, per object whether it can be"
      + " read (or which scope is missing), its properties and records, and the run's requests,"
      + " time at the rate limit and share of the daily limit. Exit code 0 when the run would"
      + " start.")
  @Default.Boolean(false)
  boolean getCheck();

  void setCheck(boolean value);

  @Description("Progress while the run goes on: 'live' rewrites one line per object in place"
      + " (records, records/s, ETA, time waiting on the rate limit), 'plain' prints those lines"
      + " every --progressIntervalSeconds, 'off' prints none, 'auto' (the default) is live on a"
      + " terminal and plain elsewhere.")
  @Default.String("auto")
  String getProgress();

  void setProgress(String value);

  @Description("Seconds between plain progress lines (1 to 3600).")
  @Default.Integer(10)
  int getProgressIntervalSeconds();

  void setProgressIntervalSeconds(int value);

  @Description("Archived (deleted) records: 'exclude' (the default) reads live records only,"
      + " 'include' reads live and archived ones into the same table, 'only' reads archived ones."
      + " With include or only, tables get an archivedAt column after archived. --count applies"
      + " to live and to archived records each.")
  @Default.String("exclude")
  String getArchived();

  void setArchived(String value);

  @Description("Rerun into the same --output, keeping every table that the earlier run's"
      + " _manifest.json (or, after a failed run, _resume.json) lists and whose file still has the"
      + " recorded SHA-256; only the rest is extracted, and the new manifest lists all of them.")
  @Default.Boolean(false)
  boolean getResume();

  void setResume(boolean value);

  @Description("Properties whose every past value is extracted into"
      + " {object}_property_history.csv (id, property, value, timestamp, sourceType, sourceId;"
      + " newest first): 'a,b' for every extracted object that has them, or"
      + " 'contacts:lifecyclestage;deals:dealstage,amount' per object. HubSpot answers such"
      + " reads 50 records a page; history tables are always read whole, also with --since.")
  String getPropertiesWithHistory();

  void setPropertiesWithHistory(String value);

  @Description("Extract only what changed at or after this time (ISO-8601: 2026-11-01T00:00:00Z,"
      + " 2026-11-01T09:00:00+01:00 or 2026-11-01 for midnight UTC): live records modified since"
      + " then (search on lastmodifieddate for contacts, hs_lastmodifieddate for others, paged by"
      + " id, so any number of changes sharing one timestamp is read exactly), and with"
      + " --archived=include or only, records archived since then. With --state, used for"
      + " objects the state file does not know yet.")
  String getSince();

  void setSince(String value);

  @Description("State file of incremental runs (JSON, created by the first run): per object, the"
      + " high-water mark up to which changes were read. An object it knows is read from that mark"
      + " less --lookbackMinutes; one it does not know is read from --since, or in full. Replaced"
      + " only after a run that completed. Needs --count=all.")
  String getState();

  void setState(String value);

  @Description("Minutes read again before the state file's high-water mark, covering HubSpot's"
      + " search indexing lag (a record changed just before a run can reach search after it);"
      + " the overlap is harmless, as changes are upserted by id. 0 to 1440.")
  @Default.Integer(10)
  int getLookbackMinutes();

  void setLookbackMinutes(int value);

  @Description("What a missing scope does to an object (HubSpot answers 403 MISSING_SCOPES):"
      + " 'fail' (the default) stops before extracting anything, naming the object and the scope"
      + " to add; 'skip' leaves that object (and its associations and joins) out with a warning"
      + " and ends with exit code 3 instead of 0.")
  @Default.String("fail")
  String getOnMissingScope();

  void setOnMissingScope(String value);
}
