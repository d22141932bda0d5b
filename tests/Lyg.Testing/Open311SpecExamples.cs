namespace Lyg.Testing;

/// <summary>
/// The example documents of the GeoReport v2 specification (wiki.open311.org/GeoReport_v2 and /Service_Discovery),
/// written out as the spec shows them, to compare this hub's answers with in shape. The spec's JSON writes codes such
/// as 001 as bare numbers with leading zeros, which JSON forbids: <see cref="Open311SpecExamples.Json"/> parses them
/// as strings. The 403 examples are the body after the status line.
/// </summary>
public static class Open311SpecExamples
{
    public const string ServicesXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <services>
            <service>
                <service_code>001</service_code>
                <service_name>Cans left out 24x7</service_name>
                <description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description>
                <metadata>true</metadata>
                <type>realtime</type>
                <keywords>lorem, ipsum, dolor</keywords>
                <group>sanitation</group>
            </service>
            <service>
                <service_code>002</service_code>
                <metadata>true</metadata>
                <type>realtime</type>
                <keywords>lorem, ipsum, dolor</keywords>
                <group>street</group>
                <service_name>Construction plate shifted</service_name>
                <description>Metal construction plate covering the street or sidewalk has been moved.</description>
            </service>
            <service>
                <service_code>003</service_code>
                <metadata>true</metadata>
                <type>realtime</type>
                <keywords>lorem, ipsum, dolor</keywords>
                <group>street</group>
                <service_name>Curb or curb ramp defect</service_name>
                <description>Sidewalk curb or ramp has problems such as cracking, missing pieces, holes, and/or chipped curb.</description>
            </service>
        </services>
        """;

    public const string ServicesJson = """
        [
          {
            "service_code":001,
            "service_name":"Cans left out 24x7",
            "description":"Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.",
            "metadata":true,
            "type":"realtime",
            "keywords":"lorem, ipsum, dolor",
            "group":"sanitation"
          },
          {
            "service_code":002,
            "metadata":true,
            "type":"realtime",
            "keywords":"lorem, ipsum, dolor",
            "group":"street",
            "service_name":"Construction plate shifted",
            "description":"Metal construction plate covering the street or sidewalk has been moved."
          },
          {
            "service_code":003,
            "metadata":true,
            "type":"realtime",
            "keywords":"lorem, ipsum, dolor",
            "group":"street",
            "service_name":"Curb or curb ramp defect",
            "description":"Sidewalk curb or ramp has problems such as cracking, missing pieces, holes, and/or chipped curb."
          }
        ]
        """;

    public const string DefinitionXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <service_definition>
            <service_code>DMV66</service_code>
            <attributes>
                <attribute>
                    <variable>true</variable>
                    <code>WHISHETN</code>
                    <datatype>singlevaluelist</datatype>
                    <required>true</required>
                    <datatype_description></datatype_description>
                    <order>1</order>
                    <description>What is the ticket/tag/DL number?</description>
                    <values>
                        <value>
                            <key>123</key>
                            <name>Ford</name>
                        </value>
                        <value>
                            <key>124</key>
                            <name>Chrysler</name>
                        </value>
                    </values>
                </attribute>
            </attributes>
        </service_definition>
        """;

    public const string DefinitionJson = """
        {
          "service_code":"DMV66",
          "attributes":[
            {
              "variable":true,
              "code":"WHISHETN",
              "datatype":"singlevaluelist",
              "required":true,
              "datatype_description":null,
              "order":1,
              "description":"What is the ticket/tag/DL number?",
              "values":[
                {
                  "key":123,
                  "name":"Ford"
                },
                {
                  "key":124,
                  "name":"Chrysler"
                }
              ]
            }
          ]
        }
        """;

    public const string CreatedXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <service_requests>
            <request>
                <service_request_id>293944</service_request_id>
                <service_notice>
                    The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code
                </service_notice>
                <account_id/>
            </request>
        </service_requests>
        """;

    public const string CreatedJson = """
        [
          {
            "service_request_id":293944,
            "service_notice":"The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code",
            "account_id":null
          }
        ]
        """;

    public const string TokenXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <service_requests>
            <request>
                <service_request_id>638344</service_request_id>
                <token>12345</token>
            </request>
        </service_requests>
        """;

    public const string TokenJson = """
        [
          {
            "service_request_id":638344,
            "token":12345
          }
        ]
        """;

    public const string RequestsXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <service_requests>
            <request>
                <service_request_id>638344</service_request_id>
                <status>closed</status>
                <status_notes>Duplicate request.</status_notes>
                <service_name>Sidewalk and Curb Issues</service_name>
                <service_code>006</service_code>
                <description></description>
                <agency_responsible></agency_responsible>
                <service_notice></service_notice>
                <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
                <updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
                <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
                <address>8TH AVE and JUDAH ST</address>
                <address_id>545483</address_id>
                <zipcode>94122</zipcode>
                <lat>37.762221815</lat>
                <long>-122.4651145</long>
                <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg </media_url>
            </request>
            <request>
                <service_request_id>638349</service_request_id>
                <status>open</status>
                <status_notes></status_notes>
                <service_name>Sidewalk and Curb Issues</service_name>
                <service_code>006</service_code>
                <description></description>
                <agency_responsible></agency_responsible>
                <service_notice></service_notice>
                <requested_datetime>2010-04-19T06:37:38-08:00</requested_datetime>
                <updated_datetime>2010-04-19T06:37:38-08:00</updated_datetime>
                <expected_datetime>2010-04-19T06:37:38-08:00</expected_datetime>
                <address>8TH AVE and JUDAH ST</address>
                <address_id>545483</address_id>
                <zipcode>94122</zipcode>
                <lat>37.762221815</lat>
                <long>-122.4651145</long>
                <media_url>http://city.gov.s3.amazonaws.com/requests/media/638349.jpg </media_url>
            </request>
        </service_requests>
        """;

    public const string RequestsJson = """
        [
          {
            "service_request_id":638344,
            "status":"closed",
            "status_notes":"Duplicate request.",
            "service_name":"Sidewalk and Curb Issues",
            "service_code":006,
            "description":null,
            "agency_responsible":null,
            "service_notice":null,
            "requested_datetime":"2010-04-14T06:37:38-08:00",
            "updated_datetime":"2010-04-14T06:37:38-08:00",
            "expected_datetime":"2010-04-15T06:37:38-08:00",
            "address":"8TH AVE and JUDAH ST",
            "address_id":545483,
            "zipcode":94122,
            "lat":37.762221815,
            "long":-122.4651145,
            "media_url":"http://city.gov.s3.amazonaws.com/requests/media/638344.jpg "
          },
          {
            "service_request_id":638349,
            "status":"open",
            "status_notes":null,
            "service_name":"Sidewalk and Curb Issues",
            "service_code":006,
            "description":null,
            "agency_responsible":null,
            "service_notice":null,
            "requested_datetime":"2010-04-19T06:37:38-08:00",
            "updated_datetime":"2010-04-19T06:37:38-08:00",
            "expected_datetime":"2010-04-19T06:37:38-08:00",
            "address":"8TH AVE and JUDAH ST",
            "address_id":545483,
            "zipcode":94122,
            "lat":37.762221815,
            "long":-122.4651145,
            "media_url":"http://city.gov.s3.amazonaws.com/requests/media/638349.jpg"
          }
        ]
        """;

    public const string RequestXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <service_requests>
            <request>
                <service_request_id>638344</service_request_id>
                <status>closed</status>
                <status_notes>Duplicate request.</status_notes>
                <service_name>Sidewalk and Curb Issues</service_name>
                <service_code>006</service_code>
                <description></description>
                <agency_responsible></agency_responsible>
                <service_notice></service_notice>
                <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
                <updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
                <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
                <address>8TH AVE and JUDAH ST</address>
                <address_id>545483</address_id>
                <zipcode>94122</zipcode>
                <lat>37.762221815</lat>
                <long>-122.4651145</long>
                <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg </media_url>
            </request>
        </service_requests>
        """;

    public const string RequestJson = """
        [
          {
            "service_request_id":638344,
            "status":"closed",
            "status_notes":"Duplicate request.",
            "service_name":"Sidewalk and Curb Issues",
            "service_code":006,
            "description":null,
            "agency_responsible":null,
            "service_notice":null,
            "requested_datetime":"2010-04-14T06:37:38-08:00",
            "updated_datetime":"2010-04-14T06:37:38-08:00",
            "expected_datetime":"2010-04-15T06:37:38-08:00",
            "address":"8TH AVE and JUDAH ST",
            "address_id":545483,
            "zipcode":94122,
            "lat":37.762221815,
            "long":-122.4651145,
            "media_url":"http://city.gov.s3.amazonaws.com/requests/media/638344.jpg"
          }
        ]
        """;

    public const string ErrorsXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <errors>
            <error>
                <code>403</code>
                <description>Invalid api_key received -- can't proceed with create_request.</description>
            </error>
        </errors>
        """;

    public const string ErrorsJson = """
        [
          {
            "code":403,
            "description":"Invalid api_key received -- can't proceed with create_request."
          }
        ]
        """;

    public const string DiscoveryXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <discovery>
            <changeset>2011-02-03 14:18</changeset>
            <contact>You can email or call for assistance api@mycity.org +1 (555) 555-5555</contact>
            <key_service>You can request a key here: http://api.mycity.gov/api_key/request</key_service>
            <endpoints>
                <endpoint>
                    <specification>http://wiki.open311.org/GeoReport_v2</specification>
                    <url>http://open311.mycity.gov/v2</url>
                    <changeset>2010-11-23 09:01</changeset>
                    <type>production</type>
                    <formats>
                        <format>text/xml</format>
                    </formats>
                </endpoint>
                <endpoint>
                    <specification>http://wiki.open311.org/GeoReport_v2</specification>
                    <url>http://open311.mycity.gov/test/v2</url>
                    <changeset>2010-10-02 09:01</changeset>
                    <type>test</type>
                    <formats>
                        <format>text/xml</format>
                        <format>application/json</format>
                    </formats>
                </endpoint>
                <endpoint>
                    <specification>http://wiki.open311.org/GeoReport_v3</specification>
                    <url>http://open311.mycity.gov/v3</url>
                    <changeset>2011-02-03 14:18</changeset>
                    <type>test</type>
                    <formats>
                        <format>text/xml</format>
                        <format>application/json</format>
                    </formats>
                </endpoint>
            </endpoints>
        </discovery>
        """;

    public const string DiscoveryJson = """
        {
          "changeset":"2011-02-03 14:18",
          "contact":"You can email or call for assistance api@mycity.org +1 (555) 555-5555",
          "key_service":"You can request a key here: http://api.mycity.gov/api_key/request",
          "endpoints":[
            {
              "specification":"http://wiki.open311.org/GeoReport_v2",
              "url":"http://open311.mycity.gov/v2",
              "changeset":"2010-11-23 09:01",
              "type":"production",
              "formats":[
                "text/xml"
              ]
            },
            {
              "specification":"http://wiki.open311.org/GeoReport_v2",
              "url":"http://open311.mycity.gov/test/v2",
              "changeset":"2010-10-02 09:01",
              "type":"test",
              "formats":[
                "text/xml",
                "application/json"
              ]
            },
            {
              "specification":"http://wiki.open311.org/GeoReport_v3",
              "url":"http://open311.mycity.gov/v3",
              "changeset":"2011-02-03 14:18",
              "type":"test",
              "formats":[
                "text/xml",
                "application/json"
              ]
            }
          ]
        }
        """;

    /// <summary>The body of the spec's example POST, as a form-encoded client sends it.</summary>
    public const string PostBody = "api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001";

    /// <summary>A spec example as JSON, its bare numbers with leading zeros (001) read as the strings they stand for.</summary>
    public static System.Text.Json.JsonElement Json(string example) =>
        System.Text.Json.JsonDocument.Parse(System.Text.RegularExpressions.Regex.Replace(example, @":\s*(0\d+)\s*([,\n}])", ":\"$1\"$2")).RootElement.Clone();

    /// <summary>A document's shape: the distinct paths of its elements from the root (service_requests/request/lat), in order.</summary>
    public static IReadOnlyList<string> XmlShape(string xml)
    {
        var root = System.Xml.Linq.XDocument.Parse(xml).Root!;
        return [.. root.DescendantsAndSelf().Select(e => string.Join("/", e.AncestorsAndSelf().Reverse().Select(a => a.Name.LocalName))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A JSON value's shape: the distinct paths of its members, array items as [], in order.</summary>
    public static IReadOnlyList<string> JsonShape(System.Text.Json.JsonElement json)
    {
        var paths = new List<string>();
        Walk(json, "", paths);
        return [.. paths.Distinct(StringComparer.Ordinal)];
    }

    private static void Walk(System.Text.Json.JsonElement json, string path, List<string> paths)
    {
        switch (json.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                foreach (var member in json.EnumerateObject())
                {
                    paths.Add(path + "/" + member.Name);
                    Walk(member.Value, path + "/" + member.Name, paths);
                }

                break;
            case System.Text.Json.JsonValueKind.Array:
                foreach (var item in json.EnumerateArray())
                {
                    Walk(item, path + "[]", paths);
                }

                break;
        }
    }
}
