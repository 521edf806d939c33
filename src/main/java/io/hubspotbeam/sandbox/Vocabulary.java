package io.hubspotbeam.sandbox;

import java.util.List;

/** The word pools realistic-looking values are drawn from. */
final class Vocabulary {
  private Vocabulary() {}

  static final List<String> FIRST_NAMES = List.of("Ada", "Grace", "Alan", "Linus", "Margaret",
      "Tim", "Barbara", "Dennis", "Frances", "Ken", "Radia", "Edsger", "José", "Zoë", "Łukasz",
      "Søren", "Amélie", "Björn", "Chloé", "Mateo", "Yuki", "Priya", "Wei", "Fatima", "Noah",
      "Olivia", "Liam", "Emma", "Hiroshi", "Ngozi", "Dmitri", "Aroha");

  static final List<String> LAST_NAMES = List.of("Lovelace", "Hopper", "Turing", "Torvalds",
      "Hamilton", "Berners-Lee", "Liskov", "Ritchie", "Allen", "Thompson", "Perlman", "Dijkstra",
      "García", "Müller", "O'Brien", "Nguyen", "Kowalski", "Svensson", "Dubois", "Rossi",
      "Tanaka", "Patel", "Zhang", "Haddad", "Smith", "Johnson", "van der Berg", "Okafor",
      "Ivanova", "Te Rangi");

  static final List<String> COMPANY_WORDS = List.of("Acme", "Globex", "Initech", "Umbrella",
      "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Aperture",
      "Massive Dynamic", "Pied Piper", "Blue Sun", "Oceanic", "Monarch", "Nakatomi", "Gringotts");

  static final List<String> COMPANY_SUFFIXES = List.of("Inc.", "LLC", "GmbH", "Ltd", "S.A.",
      "Corp", "Group", "Labs", "K.K.", "Pty Ltd", "");

  static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net",
      "sandbox.test", "mail.example", "corp.example");

  static final List<String> JOB_TITLES = List.of("CEO", "CTO", "VP Sales", "Head of Marketing",
      "Account Executive", "Software Engineer", "Procurement Manager", "Office Manager",
      "Customer Success Manager", "Data Analyst", "Founder", "Operations Director");

  static final List<String> STREETS = List.of("Main Street", "High Street", "Elm Avenue",
      "Rue de Rivoli", "Hauptstraße", "Calle Mayor", "Via Roma", "King Street", "Market Square",
      "Harbour Road");

  /** City, state/region, country. */
  static final List<String[]> PLACES = List.of(
      new String[] {"Boston", "Massachusetts", "United States"},
      new String[] {"Austin", "Texas", "United States"},
      new String[] {"Dublin", "Leinster", "Ireland"},
      new String[] {"Berlin", "Berlin", "Germany"},
      new String[] {"Paris", "Île-de-France", "France"},
      new String[] {"São Paulo", "São Paulo", "Brazil"},
      new String[] {"Tokyo", "Tokyo", "Japan"},
      new String[] {"Sydney", "New South Wales", "Australia"},
      new String[] {"Toronto", "Ontario", "Canada"},
      new String[] {"Singapore", "Singapore", "Singapore"},
      new String[] {"Kraków", "Lesser Poland", "Poland"},
      new String[] {"Bogotá", "Cundinamarca", "Colombia"},
      new String[] {"Zürich", "Zürich", "Switzerland"},
      new String[] {"Dubai", "Dubai", "United Arab Emirates"});

  static final List<String> WORDS = List.of("pipeline", "renewal", "onboarding", "pricing",
      "integration", "proposal", "follow-up", "contract", "demo", "quarterly", "review",
      "migration", "support", "upgrade", "invoice", "workshop", "roadmap", "feedback", "trial",
      "expansion", "security", "compliance", "training", "kickoff");

  static final List<String> PRODUCTS = List.of("Starter Plan", "Professional Plan",
      "Enterprise Plan", "Onboarding Package", "Premium Support", "API Add-on", "Extra Seats",
      "Training Day", "Consulting Hour", "Hardware Kit", "Data Migration", "Annual License");

  /** Owner id and name: the users records can be assigned to. */
  static final List<String[]> OWNERS = List.of(
      new String[] {"41872345", "Ada Lovelace"},
      new String[] {"41872346", "Grace Hopper"},
      new String[] {"52093311", "Alan Turing"},
      new String[] {"52093312", "Margaret Hamilton"},
      new String[] {"60011873", "Radia Perlman"},
      new String[] {"60011874", "Barbara Liskov"},
      new String[] {"71554020", "Dennis Ritchie"},
      new String[] {"71554021", "Frances Allen"});
}
