package io.drillbook.plan;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cloud regions inside the European Economic Area (the EU plus Iceland, Liechtenstein and Norway), where
 * HDS v2 requires health data to stay. Deliberately absent although in Europe: London ({@code eu-west-2},
 * {@code uksouth}, {@code ukwest}), Zurich and Geneva ({@code eu-central-2}, {@code switzerlandnorth},
 * {@code switzerlandwest}). A provider or region not listed here is treated as outside: the list has to be
 * extended on purpose, after checking where the region is.
 */
public final class EeaRegions {

  private static final Map<String, Set<String>> BY_PROVIDER = Map.of(
      "aws", Set.of(
          "eu-west-1",       // Ireland
          "eu-west-3",       // Paris
          "eu-central-1",    // Frankfurt
          "eu-north-1",      // Stockholm
          "eu-south-1",      // Milan
          "eu-south-2",      // Spain
          "eusc-de-east-1"), // European Sovereign Cloud, Brandenburg
      "azure", Set.of(
          "francecentral", "francesouth",
          "germanywestcentral", "germanynorth",
          "northeurope",     // Ireland
          "westeurope",      // Netherlands
          "swedencentral", "swedensouth",
          "norwayeast", "norwaywest",
          "italynorth",
          "polandcentral",
          "spaincentral",
          "austriaeast",
          "belgiumcentral",
          "denmarkeast"));

  private EeaRegions() {}

  /**
   * Whether {@code region} of {@code provider} lies in the EEA. Azure names are compared the way Azure
   * does, ignoring case and blanks ({@code France Central} is {@code francecentral}).
   */
  public static boolean contains(String provider, String region) {
    String normalised = region.toLowerCase(Locale.ROOT).replace(" ", "");
    return BY_PROVIDER.getOrDefault(provider, Set.of()).contains(normalised);
  }

  /** The provider's EEA regions, for messages that suggest one. */
  public static Set<String> of(String provider) {
    return BY_PROVIDER.getOrDefault(provider, Set.of());
  }
}
