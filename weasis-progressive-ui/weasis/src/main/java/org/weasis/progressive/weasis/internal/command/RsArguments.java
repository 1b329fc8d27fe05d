package org.weasis.progressive.weasis.internal.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weasis.core.api.command.Option;
import org.weasis.core.api.command.Options;
import org.weasis.dicom.explorer.rs.RsQueryParams;

/**
 * The options of {@code progressive:rs}: those of Weasis' {@code dicom:rs} that matter for retrieval,
 * with its spelling, parsed by the same parser, so that a portal's {@code weasis://} link works by
 * changing the command name. Options that only shape Weasis' own requests ({@code --query-ext},
 * {@code --accept-ext}, ...) are accepted and passed on when a request goes to {@code dicom:rs}.
 *
 * @param url the DICOMweb base URL
 * @param requests one per {@code -r}: its query parameters ({@code studyUID=…&seriesUID=…})
 * @param headers {@code -H} and {@code --retrieve-header} headers, names in lower case as dicom:rs has them
 * @param rawHeaders the {@code -H} values as given, to pass on to dicom:rs
 * @param authUid {@code --auth-uid}: the Weasis authentication method whose token the requests send, or null
 * @param help true when the usage was asked for or the arguments are incomplete
 */
public record RsArguments(
    String url,
    List<Map<String, List<String>>> requests,
    Map<String, String> headers,
    List<String> rawHeaders,
    String authUid,
    boolean help) {

  static final String STUDY_UID = "studyUID";
  static final String SERIES_UID = "seriesUID";

  static final String[] USAGE = {
    "Load a study progressively from a DICOMweb node (QIDO/WADO-RS), like dicom:rs",
    "Usage: progressive:rs -u URL -r QUERYPARAMS... [-H HEADER]... [--retrieve-header HEADER]... [--auth-uid UID]",
    "  -u --url=URL               URL of the DICOMweb service",
    "  -r --request=QUERYPARAMS   Query params: studyUID=UID, seriesUID=UID (others go to dicom:rs)",
    "  -H --header=HEADER         Pass custom header(s) to all the requests",
    "  --query-header=HEADER      Pass custom header(s) to the query requests (QIDO)",
    "  --retrieve-header=HEADER   Pass custom header(s) to the retrieve requests (WADO)",
    "  --auth-uid=UID             UID of the Weasis authentication method",
    "  --query-ext=EXT            Passed on to dicom:rs",
    "  --retrieve-ext=EXT         Passed on to dicom:rs",
    "  --accept-ext=EXT           Passed on to dicom:rs",
    "  -? --help                  show help"
  };

  /** Parses the arguments as dicom:rs does. */
  public static RsArguments parse(String[] argv) {
    Option opt = Options.compile(USAGE).parse(argv);
    String url = opt.get("url");
    List<String> queries = opt.getList("request");
    List<Map<String, List<String>>> requests = new ArrayList<>();
    for (String query : queries) {
      requests.add(RsQueryParams.getQueryMap(query));
    }
    List<String> raw = new ArrayList<>(opt.getList("header"));
    List<String> all = new ArrayList<>(raw);
    all.addAll(opt.getList("query-header"));
    all.addAll(opt.getList("retrieve-header"));
    Map<String, String> headers = new LinkedHashMap<>(RsQueryParams.getHeaders(all));
    boolean help = opt.isSet("help") || url == null || url.isBlank() || requests.isEmpty();
    String authUid = opt.get("auth-uid");
    return new RsArguments(url == null ? null : url.strip(), List.copyOf(requests), headers,
        List.copyOf(raw), authUid == null || authUid.isBlank() ? null : authUid.strip(), help);
  }

  /** The first value of a request parameter, or null. */
  static String first(Map<String, List<String>> request, String key) {
    List<String> values = request.get(key);
    return values == null || values.isEmpty() || values.getFirst().isBlank() ? null
        : values.getFirst().strip();
  }

  /** True when the request names only what progressive:rs opens itself: studies and series. */
  static boolean isOurs(Map<String, List<String>> request) {
    return request.keySet().stream().allMatch(k -> k.equals(STUDY_UID) || k.equals(SERIES_UID))
        && (first(request, STUDY_UID) != null || first(request, SERIES_UID) != null);
  }

  /** The usage text. */
  public static String usage() {
    return String.join(System.lineSeparator(), USAGE);
  }
}
