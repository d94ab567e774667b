-- Word lists of the announcement content screen (R-ANN-1), per category; edited by administration through the API.
CREATE TABLE cg_screen_word (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    category    VARCHAR(30)  NOT NULL,
    word        VARCHAR(100) NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    CONSTRAINT uq_screen_word UNIQUE (category, word)
);

INSERT INTO cg_screen_word (id, category, word, created_by, created_at) VALUES
('seed-ad-01', 'ADVERTISING_RUMOUR', '加微信', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-02', 'ADVERTISING_RUMOUR', '海外代购', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-03', 'ADVERTISING_RUMOUR', '刷单', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-04', 'ADVERTISING_RUMOUR', '日赚千元', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-05', 'ADVERTISING_RUMOUR', '稳赚不赔', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-06', 'ADVERTISING_RUMOUR', '免费领取', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-07', 'ADVERTISING_RUMOUR', '扫码领红包', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-08', 'ADVERTISING_RUMOUR', '小道消息', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-09', 'ADVERTISING_RUMOUR', '据可靠消息', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-10', 'ADVERTISING_RUMOUR', '公司要裁员', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-11', 'ADVERTISING_RUMOUR', '转发有奖', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-12', 'ADVERTISING_RUMOUR', 'weixin', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-13', 'ADVERTISING_RUMOUR', 'get rich quick', 'flyway', CURRENT_TIMESTAMP),
('seed-ad-14', 'ADVERTISING_RUMOUR', 'crypto giveaway', 'flyway', CURRENT_TIMESTAMP),
('seed-ts-01', 'TRADE_SECRET', '青鸾计划', 'flyway', CURRENT_TIMESTAMP),
('seed-ts-02', 'TRADE_SECRET', 'Project Falcon', 'flyway', CURRENT_TIMESTAMP),
('seed-ts-03', 'TRADE_SECRET', 'X9-Pro', 'flyway', CURRENT_TIMESTAMP),
('seed-ts-04', 'TRADE_SECRET', '未发布报价', 'flyway', CURRENT_TIMESTAMP),
('seed-ts-05', 'TRADE_SECRET', '底价清单', 'flyway', CURRENT_TIMESTAMP),
('seed-ha-01', 'HARASSMENT', '蠢货', 'flyway', CURRENT_TIMESTAMP),
('seed-ha-02', 'HARASSMENT', '白痴', 'flyway', CURRENT_TIMESTAMP),
('seed-ha-03', 'HARASSMENT', '废物一个', 'flyway', CURRENT_TIMESTAMP),
('seed-ha-04', 'HARASSMENT', '滚出公司', 'flyway', CURRENT_TIMESTAMP),
('seed-ha-05', 'HARASSMENT', '去死', 'flyway', CURRENT_TIMESTAMP),
('seed-ha-06', 'HARASSMENT', 'idiot', 'flyway', CURRENT_TIMESTAMP),
('seed-ha-07', 'HARASSMENT', 'moron', 'flyway', CURRENT_TIMESTAMP);
