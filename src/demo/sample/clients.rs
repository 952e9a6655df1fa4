//! The sample agency's people, clients, contacts, contracts and brands. Names of real
//! companies and brands make the demo feel familiar; every person, phone number, e-mail
//! address (all under `example.com`) and figure is invented.

use super::{BrandSpec, ClientSpec, ContactSpec, ContractSpec, UserSpec};
use crate::domain::Role;

/// Index of a user in [`USERS`].
pub(super) const WANG: usize = 0;
/// Index of a user in [`USERS`].
pub(super) const LI: usize = 1;
/// Index of a user in [`USERS`].
pub(super) const CHEN: usize = 2;
/// Index of a user in [`USERS`].
pub(super) const ZHANG: usize = 3;
/// Index of a user in [`USERS`]: the director's office, who gives the second approval that
/// starts production.
pub(super) const LIU: usize = 4;

/// The account team, in the order they are added.
pub(super) const USERS: &[UserSpec] = &[
    UserSpec {
        name: "王小明",
        role: Role::AccountExecutive,
    },
    UserSpec {
        name: "李娜",
        role: Role::AccountExecutive,
    },
    UserSpec {
        name: "陈静",
        role: Role::AccountManager,
    },
    UserSpec {
        name: "张伟",
        role: Role::AccountDirector,
    },
    UserSpec {
        name: "刘洋",
        role: Role::DirectorsOffice,
    },
];

/// Index of a client in [`CLIENTS`].
pub(super) const COKE: usize = 0;
/// Index of a client in [`CLIENTS`].
pub(super) const BMW: usize = 1;
/// Index of a client in [`CLIENTS`].
pub(super) const MENGNIU: usize = 2;
/// Index of a client in [`CLIENTS`].
pub(super) const XIAOMI: usize = 3;

/// The clients with their contacts and contracts.
pub(super) const CLIENTS: &[ClientSpec] = &[
    ClientSpec {
        name: "可口可乐（中国）饮料有限公司",
        short_name: "可口可乐",
        industry: "饮料",
        address: "上海市闵行区紫星路 999 号",
        phone: "021-6030 8800",
        since: "2019-03-01",
        notes: "年度创意代理客户，服务可口可乐与雪碧两个品牌。\n品牌部每周二上午 10:00 例会；会议记录须在 24 小时内发出并请赵敏确认回传。\n制作费发票须在当月 25 日前提交采购部。",
        created_on: "2025-01-06",
        contacts: &[
            ContactSpec {
                name: "赵敏",
                title: "品牌经理（可口可乐）",
                phone: "+86 138 0000 1101",
                email: "zhao.min@coca-cola.example.com",
                wechat: "zhaomin_ko",
                notes: "主要对接人；周二例会主持。确认会议记录时请抄送助理小林。",
            },
            ContactSpec {
                name: "孙浩",
                title: "高级采购经理",
                phone: "+86 139 0000 1102",
                email: "sun.hao@coca-cola.example.com",
                wechat: "sunhao_proc",
                notes: "负责制作费预估审批与合同签署；需要至少三家供应商比价。",
            },
        ],
        contracts: &[
            ContractSpec {
                number: "XH-KO-2025-01",
                scope: "2025 年度创意代理：可口可乐、雪碧品牌传播与节日活动",
                start: "2025-01-01",
                end: "2025-12-31",
                value: "¥4,800,000",
            },
            ContractSpec {
                number: "XH-KO-2026-01",
                scope: "2026 年度创意代理及社交媒体内容运营",
                start: "2026-01-01",
                end: "2026-12-31",
                value: "¥5,600,000",
            },
        ],
    },
    ClientSpec {
        name: "华晨宝马汽车有限公司",
        short_name: "宝马",
        industry: "汽车",
        address: "辽宁省沈阳市大东区东望街 1 号",
        phone: "024-8455 0000",
        since: "2021-06-15",
        notes: "新车上市活动与经销商市场项目。\n所有对外物料需经宝马品牌合规审核，预留 5 个工作日。",
        created_on: "2025-01-08",
        contacts: &[
            ContactSpec {
                name: "周婷",
                title: "市场活动经理",
                phone: "+86 136 0000 2201",
                email: "zhou.ting@bmw-brilliance.example.com",
                wechat: "zhouting_events",
                notes: "活动项目主要对接人；偏好邮件确认，重要变更再电话沟通。",
            },
            ContactSpec {
                name: "吴刚",
                title: "华东区区域市场总监",
                phone: "+86 137 0000 2202",
                email: "wu.gang@bmw-brilliance.example.com",
                wechat: "wugang_east",
                notes: "经销商试驾会的最终决策人；常驻上海。",
            },
        ],
        contracts: &[
            ContractSpec {
                number: "XH-BMW-2025-03",
                scope: "宝马 iX3 上市发布会策划与执行",
                start: "2025-05-01",
                end: "2025-10-31",
                value: "¥3,200,000",
            },
            ContractSpec {
                number: "XH-BMW-2026-01",
                scope: "2026 年度经销商市场活动框架协议",
                start: "2026-01-01",
                end: "2026-12-31",
                value: "¥2,400,000",
            },
        ],
    },
    ClientSpec {
        name: "内蒙古蒙牛乳业（集团）股份有限公司",
        short_name: "蒙牛",
        industry: "乳制品",
        address: "内蒙古自治区呼和浩特市和林格尔县盛乐经济园区",
        phone: "0471-739 0000",
        since: "2022-01-10",
        notes: "包装设计与数字营销。\n电商大促前 45 天锁定主视觉；包装稿须经质量部核对营养成分表。",
        created_on: "2025-01-10",
        contacts: &[
            ContactSpec {
                name: "郑雪",
                title: "特仑苏品牌总监",
                phone: "+86 135 0000 3301",
                email: "zheng.xue@mengniu.example.com",
                wechat: "zhengxue_milk",
                notes: "对视觉质感要求高，提案请准备实物打样。",
            },
            ContactSpec {
                name: "马骏",
                title: "电商营销经理",
                phone: "+86 135 0000 3302",
                email: "ma.jun@mengniu.example.com",
                wechat: "majun_ec",
                notes: "负责天猫、京东旗舰店；纯甄项目日常对接。",
            },
        ],
        contracts: &[ContractSpec {
            number: "XH-MN-2025-02",
            scope: "特仑苏、纯甄 包装设计与电商视觉（年度框架）",
            start: "2025-07-01",
            end: "2026-12-31",
            value: "¥1,350,000",
        }],
    },
    ClientSpec {
        name: "小米科技有限责任公司",
        short_name: "小米",
        industry: "消费电子",
        address: "北京市海淀区西二旗中路 33 号",
        phone: "010-6060 6666",
        since: "2024-08-01",
        notes: "2024 年比稿赢得的新客户。\n决策快，反馈通常当天给出；日常沟通以微信群为主，正式确认以邮件为准。",
        created_on: "2025-01-13",
        contacts: &[
            ContactSpec {
                name: "何琳",
                title: "用户运营负责人",
                phone: "+86 186 0000 4401",
                email: "he.lin@xiaomi.example.com",
                wechat: "helin_mifans",
                notes: "车主活动与米粉活动对接人。",
            },
            ContactSpec {
                name: "许峰",
                title: "市场部传播经理",
                phone: "+86 186 0000 4402",
                email: "xu.feng@xiaomi.example.com",
                wechat: "xufeng_pr",
                notes: "直播活动与新品传播；价格信息发布前严格保密。",
            },
        ],
        contracts: &[
            ContractSpec {
                number: "XH-MI-2025-04",
                scope: "双十一品牌直播间活动执行",
                start: "2025-09-01",
                end: "2025-11-30",
                value: "¥980,000",
            },
            ContractSpec {
                number: "XH-MI-2027-01",
                scope: "2027 年度用户活动代理（草拟中）",
                start: "2027-01-01",
                end: "2027-12-31",
                value: "¥3,000,000",
            },
        ],
    },
];

/// Index of a brand in [`BRANDS`].
pub(super) const COKE_BRAND: usize = 0;
/// Index of a brand in [`BRANDS`].
pub(super) const SPRITE: usize = 1;
/// Index of a brand in [`BRANDS`].
pub(super) const BMW_3: usize = 2;
/// Index of a brand in [`BRANDS`].
pub(super) const BMW_IX3: usize = 3;
/// Index of a brand in [`BRANDS`].
pub(super) const DELUXE: usize = 4;
/// Index of a brand in [`BRANDS`].
pub(super) const PURE: usize = 5;
/// Index of a brand in [`BRANDS`].
pub(super) const SU7: usize = 7;

/// Two brands per client.
pub(super) const BRANDS: &[BrandSpec] = &[
    BrandSpec {
        client: COKE,
        name: "可口可乐",
        facts: "碳酸软饮料；1927 年进入中国市场。\n红色罐与弧形瓶是核心品牌资产。\n主力规格：330ml 罐装、500ml 瓶装、1.25L 家庭装。",
        key_points: "红色与弧形瓶轮廓不可改动。\n画面中不出现儿童单独饮用。\n春节与夏季是两大销售旺季。",
        positioning: "“畅爽开怀”：与朋友、家人分享的快乐时刻。\n2019 年起从“节日符号”向“日常分享”延展；2025 年起加强年轻人社交与外卖场景。",
        competitors: "百事可乐、元气森林、农夫山泉 苏打气泡水",
    },
    BrandSpec {
        client: COKE,
        name: "雪碧",
        facts: "柠檬味透明汽水；18–30 岁人群占比高。\n夏季与火锅、外卖搭配的场景增长最快。",
        key_points: "绿色主色与“透心凉”口号。\n冰爽视觉（冰块、水珠）。\n不使用任何功效暗示。",
        positioning: "“透心凉，心飞扬”：年轻人的清爽解压时刻，借音乐、街头文化与外卖场景触达。",
        competitors: "七喜、美年达、元气森林",
    },
    BrandSpec {
        client: BMW,
        name: "宝马 3系",
        facts: "中型豪华运动轿车，国产长轴距版为中国市场专属。\n主力购车人群 28–40 岁。",
        key_points: "“驾驶乐趣”是品牌核心。\n试驾是转化的关键环节。\n经销商活动须符合宝马 CI 手册。",
        positioning: "年轻精英的第一辆豪华车：运动操控与长轴距舒适兼得。",
        competitors: "奥迪 A4L、奔驰 C 级、凯迪拉克 CT5",
    },
    BrandSpec {
        client: BMW,
        name: "宝马 iX3",
        facts: "纯电中型 SAV，沈阳工厂国产。\n卖点：续航、智能座舱、宝马操控。",
        key_points: "强调“纯正宝马驾驶感”与电动的结合。\n续航须使用官方 CLTC 数值并注明工况。",
        positioning: "“电动，也是宝马”：面向从燃油豪华车转向电动车的家庭用户，区别于新势力的科技噱头。",
        competitors: "特斯拉 Model Y、蔚来 ES6、理想 L6",
    },
    BrandSpec {
        client: MENGNIU,
        name: "特仑苏",
        facts: "高端纯牛奶；每 100ml 含 3.6g 乳蛋白。\n礼盒装是中秋、春节的主要销量来源。",
        key_points: "“更好的牛奶”，不与普通白奶比价。\n礼盒包装须在节前 60 天定稿。",
        positioning: "“不是所有牛奶都叫特仑苏”：高品质生活方式与体面的送礼选择。",
        competitors: "伊利 金典、光明 优倍、认养一头牛",
    },
    BrandSpec {
        client: MENGNIU,
        name: "纯甄",
        facts: "常温酸奶，主打简单配方。\n年轻白领与大学生为主要人群。",
        key_points: "配方卖点须与包装标注一致。\n新口味上市须同步电商与便利店渠道。",
        positioning: "“纯甄，自然好酸奶”：轻松、干净、可以每天喝的酸奶。",
        competitors: "伊利 安慕希、光明 莫斯利安、简爱",
    },
    BrandSpec {
        client: XIAOMI,
        name: "小米手机",
        facts: "数字旗舰系列与 Redmi 系列；线上首发，小米之家同步。\n双十一是全年最大的销售节点。",
        key_points: "参数与跑分以官方公布为准。\n直播话术须经法务审核。\n价格发布前严格保密。",
        positioning: "“让每个人都能享受科技的乐趣”：从高性价比到高端影像旗舰全覆盖。",
        competitors: "华为、vivo、OPPO、荣耀",
    },
    BrandSpec {
        client: XIAOMI,
        name: "小米 SU7",
        facts: "小米首款纯电轿车，2024 年 3 月上市；车主社群活跃。",
        key_points: "车主是最好的代言人。\n活动安全规范第一。\n不做与竞品的直接对比广告。",
        positioning: "“人车家全生态”：手机用户的第一辆智能电动车。",
        competitors: "特斯拉 Model 3、极氪 007、小鹏 P7+",
    },
];
