//! Words the generated agency is written in: the names, industries, campaigns and brief
//! sentences of Chinese and international advertising and events work. Every company, brand
//! and person is invented; e-mail addresses are under `example.com` / `example.cn`.

/// Family names, most common first (the generator favours the front of the list).
pub(super) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "欧阳", "司马",
];

/// Given names, one or two characters.
pub(super) const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "晓东", "雪", "婷婷", "子涵", "欣怡", "浩然", "雨桐",
    "思远", "嘉怡", "俊杰", "一鸣", "梓萱", "文博", "晨曦", "佳琪", "志强", "海燕", "建华", "丹",
    "琳", "鹏", "宇航", "诗雨", "若曦", "天佑", "明轩", "晓燕", "立新",
];

/// English given names some colleagues and client contacts go by.
pub(super) const ENGLISH_NAMES: &[&str] = &[
    "Grace", "Kevin", "Vivian", "Jason", "Cherry", "Leo", "Iris", "Eric", "Fiona", "Tony",
    "Sophie", "Michael", "Joyce", "Daniel", "Wendy", "Alex", "Helen", "Ryan", "Coco", "Frank",
];

/// Western family names for contacts at international clients.
pub(super) const ENGLISH_SURNAMES: &[&str] = &[
    "Miller", "Schmidt", "Dubois", "Tanaka", "Kim", "Rossi", "Johnson", "Nguyen", "Müller",
    "García", "Walker", "Lefèvre",
];

/// Cities, for company names, addresses and event venues.
pub(super) const CITIES: &[&str] = &[
    "上海", "北京", "广州", "深圳", "杭州", "成都", "南京", "武汉", "苏州", "西安", "重庆", "厦门",
    "青岛", "天津", "长沙",
];

/// Districts and streets, for addresses.
pub(super) const STREETS: &[&str] = &[
    "南京西路",
    "淮海中路",
    "建国路",
    "天河路",
    "深南大道",
    "文三路",
    "天府大道",
    "中山东路",
    "解放大道",
    "金鸡湖大道",
    "高新路",
    "解放碑步行街",
    "环岛东路",
    "香港中路",
    "芙蓉中路",
];

/// Trade names (字号) of invented companies.
pub(super) const TRADE_NAMES: &[&str] = &[
    "华益", "盛元", "嘉禾", "金诺", "恒美", "优珀", "蓝帆", "康润", "星澜", "瑞丰", "新岸", "和翔",
    "佳沃", "润田", "百悦", "安捷", "云途", "天禾", "凯旋", "美嘉", "东晟", "博雅", "汇川", "鼎盛",
    "永辉", "锦程", "万科", "青禾", "悦然", "睿智", "宏图", "森屿", "朗润", "清源", "晨光", "远航",
    "泰和", "明德", "众诚", "兴业",
];

/// International clients: English name, Chinese name.
pub(super) const FOREIGN: &[(&str, &str)] = &[
    ("Northwind", "诺思文"),
    ("Bluepeak", "蓝峰"),
    ("Everbright Motors", "永光汽车"),
    ("Lumina Beauty", "露米娜"),
    ("Aster Foods", "雅仕特食品"),
    ("Helvetia Watch", "赫尔维提亚"),
    ("Maple & Co.", "枫叶"),
    ("Solstice Sports", "索斯体育"),
    ("Orchid Pharma", "兰花制药"),
    ("Kestrel Airlines", "红隼航空"),
    ("Nordlys Home", "北光家居"),
    ("Vantage Bank", "万泰银行"),
];

/// An industry: its name, the company-name suffix, what its brands sell, and its channels.
pub(super) struct Industry {
    pub name: &'static str,
    pub suffix: &'static str,
    pub product: &'static str,
    pub product_en: &'static str,
}

/// The industries agencies serve.
pub(super) const INDUSTRIES: &[Industry] = &[
    Industry {
        name: "食品饮料",
        suffix: "食品",
        product: "饮品",
        product_en: "drinks",
    },
    Industry {
        name: "汽车",
        suffix: "汽车销售",
        product: "新能源车型",
        product_en: "EV models",
    },
    Industry {
        name: "美妆个护",
        suffix: "化妆品",
        product: "护肤系列",
        product_en: "skincare",
    },
    Industry {
        name: "家电",
        suffix: "电器",
        product: "智能家电",
        product_en: "smart appliances",
    },
    Industry {
        name: "金融保险",
        suffix: "保险",
        product: "保险产品",
        product_en: "insurance plans",
    },
    Industry {
        name: "房地产",
        suffix: "置业",
        product: "住宅项目",
        product_en: "residences",
    },
    Industry {
        name: "零售",
        suffix: "商贸",
        product: "门店",
        product_en: "stores",
    },
    Industry {
        name: "互联网",
        suffix: "网络科技",
        product: "App",
        product_en: "app",
    },
    Industry {
        name: "医药健康",
        suffix: "医药",
        product: "保健品",
        product_en: "supplements",
    },
    Industry {
        name: "母婴",
        suffix: "母婴用品",
        product: "婴幼儿奶粉",
        product_en: "infant formula",
    },
    Industry {
        name: "运动户外",
        suffix: "体育用品",
        product: "跑鞋",
        product_en: "running shoes",
    },
    Industry {
        name: "酒类",
        suffix: "酒业",
        product: "白酒",
        product_en: "baijiu",
    },
    Industry {
        name: "旅游酒店",
        suffix: "酒店管理",
        product: "度假酒店",
        product_en: "resorts",
    },
    Industry {
        name: "教育",
        suffix: "教育科技",
        product: "课程",
        product_en: "courses",
    },
    Industry {
        name: "通信",
        suffix: "通信",
        product: "5G 套餐",
        product_en: "5G plans",
    },
];

/// Brand stems: Chinese, with an English name beside some.
pub(super) const BRAND_STEMS: &[(&str, &str)] = &[
    ("悦享", "JoyFresh"),
    ("鲜萃", "PureSqueeze"),
    ("轻燃", "LightBurn"),
    ("沁心", ""),
    ("星途", "StarWay"),
    ("极光", "Aurora"),
    ("初雪", ""),
    ("云朵", "Cloudy"),
    ("小鹿", "Fawn"),
    ("元气", ""),
    ("臻选", "Prime"),
    ("源野", "Wildroot"),
    ("锦鲤", "Koi"),
    ("青柠", "Lime"),
    ("蓝鲸", "BlueWhale"),
    ("橙意", ""),
    ("若水", "Aqua"),
    ("松果", "PineCone"),
    ("朝露", "Dawn"),
    ("暖阳", "Sunny"),
    ("知更", "Robin"),
    ("木棉", ""),
    ("远山", "Faraway"),
    ("拾光", "Moments"),
    ("灵犀", ""),
    ("禾风", "Harvest"),
    ("萌宝", "BabyBloom"),
    ("疾风", "Gale"),
    ("静谧", "Serene"),
    ("匠心", "Artisan"),
];

/// Brand line suffixes, so one stem names several brands.
pub(super) const BRAND_LINES: &[&str] = &["", "", "Pro", "Plus", "家", "Lite", "青春版", "Max"];

/// Campaigns and events an account team runs (the job title, after brand and year).
pub(super) const CAMPAIGNS: &[&str] = &[
    "春节整合营销",
    "新品上市发布会",
    "618 电商大促",
    "双十一直播带货",
    "夏季户外广告投放",
    "经销商大会",
    "品牌焕新 TVC",
    "中秋礼盒推广",
    "七夕限定营销",
    "年度社交媒体运营",
    "KOL 种草计划",
    "快闪店活动",
    "门店开业庆典",
    "车展展台设计与搭建",
    "媒体沟通会",
    "年会策划执行",
    "校园路演",
    "马拉松赞助激活",
    "小红书内容营销",
    "抖音挑战赛",
    "品牌官网改版",
    "周年庆活动",
    "Brand film",
    "Trade show booth",
    "Always-on social",
    "Product launch event",
    "Retail POSM refresh",
    "CRM 会员活动",
    "国庆黄金周促销",
    "圣诞季橱窗",
];

/// Seasons and moments a campaign is timed to.
pub(super) const MOMENTS: &[&str] = &[
    "春节",
    "元宵",
    "三八节",
    "五一",
    "618",
    "端午",
    "七夕",
    "中秋",
    "国庆",
    "双十一",
    "双十二",
    "圣诞",
    "开学季",
    "夏季",
];

/// Channels.
pub(super) const CHANNELS: &[&str] = &[
    "抖音",
    "微信朋友圈",
    "小红书",
    "微博",
    "B 站",
    "分众电梯",
    "地铁灯箱",
    "机场媒体",
    "户外大牌",
    "天猫旗舰店",
    "京东",
    "线下门店",
    "央视",
    "OTT 开屏",
];

/// Audiences.
pub(super) const AUDIENCES: &[&str] = &[
    "一二线城市 25–35 岁白领女性",
    "18–24 岁大学生",
    "有 0–3 岁宝宝的新手父母",
    "三四线城市家庭主妇",
    "35–45 岁中产家庭决策者",
    "热爱户外运动的年轻男性",
    "银发族及其子女",
    "注重品质的新中产",
    "Z 世代游戏玩家",
    "企业采购与经销商",
];

/// KPI phrases.
pub(super) const KPIS: &[&str] = &[
    "品牌认知度提升 15%",
    "活动期间销售额同比增长 30%",
    "曝光量超过 5000 万",
    "新增会员 20 万",
    "到店客流提升 25%",
    "社交媒体互动量 200 万",
    "经销商订货额 3 亿元",
    "试驾预约 1.2 万组",
    "电商 GMV 8000 万",
    "媒体报道 150 篇",
];

/// Brief background sentences; `{b}` brand, `{c}` client, `{p}` product, `{m}` moment,
/// `{ch}` channel, `{city}` city.
pub(super) const BACKGROUNDS: &[&str] = &[
    "{b}去年在{m}期间的声量明显落后于主要竞品，客户希望借今年{m}重新夺回话题。",
    "{c}计划于{m}前推出{b}新一代{p}，这是品牌近三年最重要的一次产品升级。",
    "经过两年的渠道下沉，{b}在三四线城市的铺货率已超过 60%，但消费者对品牌的认知仍停留在“性价比”。",
    "{b}的核心用户正在老化，客户希望吸引更年轻的消费者，同时不流失现有用户。",
    "竞品上季度在{ch}投放了大量内容，{b}的搜索指数下降了 18%。",
    "{c}今年将{city}列为重点市场，需要一次有影响力的落地活动打开局面。",
    "{b}刚完成品牌视觉识别系统的更新，需要一次整合传播让消费者认识新的品牌形象。",
    "The client is entering the China market with {b} and needs a launch that feels local, not imported.",
    "客户内部对上一次活动的执行细节有意见，本次需要更严格的进度管控和每周汇报。",
    "{b}的电商渠道增长放缓，客户希望用内容带动转化，而不是单纯打折。",
];

/// Objective sentences.
pub(super) const OBJECTIVES: &[&str] = &[
    "在{m}期间实现{k}。",
    "建立{b}“{p}专家”的品牌形象，{k}。",
    "让目标受众在三秒内记住{b}的新口号，并带动{k}。",
    "以{city}为首站完成 5 城巡展，{k}。",
    "Drive trial of the new {pe} and reach {k}.",
    "通过{ch}和线下活动联动，{k}。",
];

/// Key-message sentences.
pub(super) const MESSAGES: &[&str] = &[
    "{b}，让每一天都值得期待。",
    "好{p}，选{b}。",
    "{m}团圆，有{b}相伴。",
    "{b}，为认真生活的你。",
    "Made for the way you live: {b}.",
    "更懂中国家庭的{p}。",
];

/// Deliverable lists.
pub(super) const DELIVERABLES: &[&str] = &[
    "60 秒 TVC 一支及 15 秒剪辑版两支；平面 KV 一套；{ch}投放素材 12 条。",
    "发布会全案：场地、舞美、灯光音响、嘉宾邀请、媒体接待及现场直播。",
    "社交媒体内容日历（3 个月），每周 5 条原创内容，KOL 合作 20 位。",
    "展台设计效果图、施工图及搭建；现场礼仪 8 名；物料清单与撤展。",
    "门店 POSM 一套（海报、吊旗、台卡、堆头）及 300 家门店陈列指引。",
    "经销商大会全流程执行：邀约、签到、会议、晚宴、颁奖及会后跟进。",
    "H5 互动页面一个、小程序活动一期及数据报告。",
];

/// Mandatory elements.
pub(super) const MANDATORIES: &[&str] = &[
    "品牌标志须使用 2024 版规范；所有素材须经客户法务审核；不得出现竞品。",
    "产品包装须出现在画面前三秒；须标注“广告”字样。",
    "涉及功效的表述须有检测报告支持；不得使用绝对化用语（“最”“第一”）。",
    "活动现场须符合消防要求，须购买公众责任险。",
    "Use the global brand guidelines; Chinese copy must be approved by the local team.",
];

/// Timing sentences; `{d}` is the due date.
pub(super) const TIMINGS: &[&str] = &[
    "提案一周内完成，{d}前上线。",
    "创意提案、修改、拍摄、后期各两周，{d}交付。",
    "活动日期 {d}，提前三周完成场地确认。",
    "分两期执行：首期{m}前，二期{d}前完成。",
    "Concepts in two weeks, final delivery by {d}.",
];

/// Revisions people make to a brief: replacement sentences for one section.
pub(super) const REVISIONS: &[&str] = &[
    "客户反馈：预算调整后，{ch}投放改为重点城市，其余城市以线下活动为主。",
    "根据客户 {d} 的意见，目标改为{k}。",
    "客户市场部确认新口号，原创意方向保留，画面需更突出{p}。",
    "总监室要求补充竞品分析，并在下次会议前提交。",
    "Client asked to add a {ch} version and to move the launch one week earlier.",
    "因{m}档期冲突，活动时间顺延，交付日期同步调整为 {d}。",
];

/// Contact job titles at the client.
pub(super) const CONTACT_TITLES: &[&str] = &[
    "市场总监",
    "品牌经理",
    "高级品牌经理",
    "市场部副总裁",
    "采购经理",
    "数字营销经理",
    "公关经理",
    "电商负责人",
    "产品经理",
    "总经理助理",
    "Marketing Director",
    "Brand Manager",
];

/// Contract scopes.
pub(super) const CONTRACT_SCOPES: &[&str] = &[
    "年度整合营销代理服务",
    "社交媒体代运营服务",
    "年度活动执行框架协议",
    "品牌 TVC 创意及制作",
    "电商大促整合营销项目",
    "经销商大会执行",
    "Annual retainer – integrated communications",
    "媒体策划与购买代理",
    "公关传播年度服务",
    "展会设计与搭建",
];

/// Where meetings are held, after the city.
pub(super) const ROOMS: &[&str] = &[
    "客户总部会议室",
    "本公司大会议室",
    "客户区域办公室",
    "活动场地现场",
    "腾讯会议",
];

/// How a point raised in a meeting is solved.
pub(super) const SOLUTIONS: &[&str] = &[
    "本公司于 {d} 前提交修改稿，客户市场部确认。",
    "由{ch}团队重新排期，并在下周例会汇报。",
    "请客户提供{p}的最新资料，以便调整画面。",
    "双方同意先在{city}试点，数据达标后再推广。",
];

/// Actions agreed in meetings.
pub(super) const ACTIONS: &[&str] = &[
    "提交{b}修改稿",
    "确认{ch}投放预算",
    "提供{p}产品资料与图片",
    "预订{city}活动场地",
    "发出{m}活动时间表",
    "审批创意方向",
];
