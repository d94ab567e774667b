// The approval operations of every request in Tasklist: in the task view a tab "申请操作" that calls CommGov's /api
// (withdraw and remind for the requester; transfer, delegate, add signer and sign for the assignee and signers; carbon copy),
// and in the header "我已审批": the approver's latest decisions on running requests, each with 拿回 (take back).
// The server decides who may do what and answers 400/403/409 with the reason, which is shown as it is.
define('commgov-approvals', ['angular'], function (angular) {
  'use strict';

  var TEMPLATE =
    '<div class="commgov-approvals" style="padding:12px 0">' +
    '  <p class="text-muted">申请 {{ task.processInstanceId }}：操作由服务器按申请人、审批人与四眼原则校验，每次操作均记入审计。</p>' +
    '  <div class="form-group"><label for="commgov-reason">原因 / 意见</label>' +
    '    <input id="commgov-reason" class="form-control" ng-model="input.reason" placeholder="撤回原因或审批意见（可选）"></div>' +
    '  <div class="form-group"><label for="commgov-user">用户</label>' +
    '    <input id="commgov-user" class="form-control" ng-model="input.userId" placeholder="转办、委派、加签或抄送给的用户 id"></div>' +
    '  <div class="btn-toolbar">' +
    '    <button type="button" class="btn btn-danger commgov-withdraw" ng-click="withdraw()" ng-disabled="busy">撤回申请</button>' +
    '    <button type="button" class="btn btn-default commgov-remind" ng-click="remind()" ng-disabled="busy">催办</button>' +
    '    <button type="button" class="btn btn-default commgov-cc" ng-click="cc()" ng-disabled="busy || !input.userId">抄送</button>' +
    '    <button type="button" class="btn btn-default commgov-transfer" ng-click="transfer()" ng-disabled="busy || !input.userId">转办</button>' +
    '    <button type="button" class="btn btn-default commgov-delegate" ng-click="delegate()" ng-disabled="busy || !input.userId">委派</button>' +
    '    <button type="button" class="btn btn-default commgov-add-signer" ng-click="addSigner()" ng-disabled="busy || !input.userId">前加签</button>' +
    '    <button type="button" class="btn btn-default commgov-sign-yes" ng-click="sign(true)" ng-disabled="busy">会签同意</button>' +
    '    <button type="button" class="btn btn-default commgov-sign-no" ng-click="sign(false)" ng-disabled="busy || !input.reason">会签驳回</button>' +
    '  </div>' +
    '  <div class="alert commgov-result" ng-if="result" ng-class="result.ok ? \'alert-success\' : \'alert-danger\'" style="margin-top:12px">{{ result.text }}</div>' +
    '</div>';

  function xsrfToken() {
    var match = /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(document.cookie);
    return match ? decodeURIComponent(match[1]) : undefined;
  }

  function reasonOf(response) {
    var body = response.data || {};
    if (body.errors && body.errors.length) {
      return body.errors.map(function (e) { return e.field + '：' + e.message; }).join('；');
    }
    return body.message || ('HTTP ' + response.status);
  }

  var ApprovalsController = ['$scope', '$http', function ($scope, $http) {
    $scope.input = {};
    if ($scope.taskData) {
      $scope.taskData.observe('task', function (task) {
        $scope.task = task;
        $scope.result = null;
      });
    }

    function call(method, path, body, done) {
      $scope.busy = true;
      $http({method: method, url: '/api' + path, data: body || {}, headers: {'X-XSRF-TOKEN': xsrfToken()}})
        .then(function () {
          $scope.result = {ok: true, text: done};
        }, function (response) {
          $scope.result = {ok: false, text: '未执行：' + reasonOf(response)};
        })
        .finally(function () {
          $scope.busy = false;
        });
    }

    $scope.withdraw = function () {
      call('POST', '/requests/' + $scope.task.processInstanceId + '/withdraw', {reason: $scope.input.reason || null}, '申请已撤回。');
    };
    $scope.remind = function () {
      call('POST', '/requests/' + $scope.task.processInstanceId + '/remind', {}, '已催办当前审批人。');
    };
    $scope.cc = function () {
      call('POST', '/requests/' + $scope.task.processInstanceId + '/cc', {userIds: [$scope.input.userId]}, '已抄送 ' + $scope.input.userId + '。');
    };
    $scope.transfer = function () {
      call('POST', '/tasks/' + $scope.task.id + '/transfer', {userId: $scope.input.userId}, '已转办给 ' + $scope.input.userId + '。');
    };
    $scope.delegate = function () {
      call('POST', '/tasks/' + $scope.task.id + '/delegate', {userId: $scope.input.userId}, '已委派给 ' + $scope.input.userId + '。');
    };
    $scope.addSigner = function () {
      call('POST', '/tasks/' + $scope.task.id + '/signers', {userIds: [$scope.input.userId], position: 'BEFORE', mode: 'SEQUENTIAL'},
        '已加签 ' + $scope.input.userId + '（在您之前）。');
    };
    // a signer's subtask, or the assignee's own decision when signers come after them
    $scope.sign = function (approved) {
      call('POST', '/tasks/' + $scope.task.id + '/sign', {approved: approved, comment: $scope.input.reason || null},
        approved ? '已签署：同意。' : '已签署：驳回。');
    };
  }];

  var DECISIONS_LINK =
    '<a href ng-click="open()" class="commgov-decisions-open" title="我已审批的申请，可拿回尚未被下一步处理的决定">' +
    '  <span class="glyphicon glyphicon-check"></span> 我已审批</a>';

  var DECISIONS_MODAL =
    '<div class="modal-header"><h3 class="modal-title">我已审批</h3></div>' +
    '<div class="modal-body commgov-decisions">' +
    '  <p class="text-muted">进行中的申请上您最近的决定。下一步尚未被认领或处理时，可以拿回，该步骤重新回到您手中。</p>' +
    '  <p ng-if="loading">加载中…</p>' +
    '  <p class="commgov-decisions-empty" ng-if="!loading && decisions.length === 0">没有可拿回的决定。</p>' +
    '  <table class="table table-condensed" ng-if="decisions.length">' +
    '    <thead><tr><th>申请</th><th>步骤</th><th>决定时间</th><th></th></tr></thead>' +
    '    <tbody><tr ng-repeat="d in decisions" class="commgov-decision" data-task-id="{{ d.taskId }}">' +
    '      <td>{{ d.requestName }}<br><small class="text-muted">{{ d.processInstanceId }}</small></td>' +
    '      <td>{{ d.taskName }}</td><td>{{ d.decidedAt | date:\'yyyy-MM-dd HH:mm\':\'+0800\' }}</td>' +
    '      <td><button type="button" class="btn btn-default btn-sm commgov-take-back" ng-click="takeBack(d)" ng-disabled="busy">拿回</button></td>' +
    '    </tr></tbody>' +
    '  </table>' +
    '  <div class="alert commgov-result" ng-if="result" ng-class="result.ok ? \'alert-success\' : \'alert-danger\'">{{ result.text }}</div>' +
    '</div>' +
    '<div class="modal-footer"><button type="button" class="btn btn-default" ng-click="$dismiss()">关闭</button></div>';

  var DecisionsModalController = ['$scope', '$http', '$rootScope', function ($scope, $http, $rootScope) {
    function load() {
      $scope.loading = true;
      $http.get('/api/me/decisions').then(function (response) {
        $scope.decisions = response.data.decisions;
      }, function (response) {
        $scope.decisions = [];
        $scope.result = {ok: false, text: '无法加载：' + reasonOf(response)};
      }).finally(function () {
        $scope.loading = false;
      });
    }

    $scope.decisions = [];
    $scope.takeBack = function (decision) {
      $scope.busy = true;
      $http({method: 'POST', url: '/api/tasks/' + decision.taskId + '/take-back', data: {}, headers: {'X-XSRF-TOKEN': xsrfToken()}})
        .then(function () {
          $scope.result = {ok: true, text: '已拿回：「' + decision.taskName + '」重新回到您的任务中。'};
          $rootScope.$broadcast('refresh');
          load();
        }, function (response) {
          $scope.result = {ok: false, text: '未拿回：' + reasonOf(response)};
        })
        .finally(function () {
          $scope.busy = false;
        });
    };
    load();
  }];

  var DecisionsLinkController = ['$scope', '$uibModal', function ($scope, $uibModal) {
    $scope.open = function () {
      $uibModal.open({template: DECISIONS_MODAL, controller: DecisionsModalController, size: 'lg', windowClass: 'commgov-decisions-modal'});
    };
  }];

  return angular.module('commgov.approvals', []).config(['ViewsProvider', function (ViewsProvider) {
    ViewsProvider.registerDefaultView('tasklist.navbar.action', {
      id: 'commgov-decisions',
      priority: 50,
      template: DECISIONS_LINK,
      controller: DecisionsLinkController
    });
    ViewsProvider.registerDefaultView('tasklist.task.detail', {
      id: 'commgov-approvals',
      priority: 100,
      label: '申请操作',
      template: TEMPLATE,
      controller: ApprovalsController
    });
  }]);
});
